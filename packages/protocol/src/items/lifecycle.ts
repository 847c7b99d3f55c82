import type { PartyKind, Role } from '../common.ts';

/**
 * A state machine whose moves are items: which states there are, where one starts, and which
 * item type moves it from where to where, entered by whom. The state is derived from the log
 * (the last move that was allowed), so rebuilding gives the same state.
 *
 * What moves is either the cell as a whole (one state, such as the channel's) or each item of
 * the types in `subject.of` (a request for information, a notice, a dispute): such an item
 * starts its own lifecycle in `initial`, and a move refers to it as its first reference.
 */
export interface Lifecycle {
  /** Names the lifecycle in errors and in the derived state (`channel`, `rfi`). */
  name: string;
  subject: { kind: 'cell' } | { kind: 'item'; of: readonly string[] };
  states: readonly string[];
  initial: string;
  transitions: readonly Transition[];
}

export interface Transition {
  /** The item type that makes the move. */
  by: string;
  from: readonly string[];
  to: string;
  /** Who may make it, when narrower than who may enter the item type. */
  roles?: readonly Role[];
  partyKinds?: readonly PartyKind[];
  /**
   * For an item's lifecycle: only the party that entered the subject (the asker closes its
   * request), or only another party (the other side accepts).
   */
  party?: 'subject-author' | 'other';
  /**
   * The type moves the lifecycle only when its first reference is a subject of it; otherwise
   * its item stands alone (a meeting convened on an explanation request, or on no request).
   */
  optional?: true;
  /**
   * Only for an item whose payload holds this value (a request closed as `answered` or as
   * `unanswered`): a type may then make different moves by what it says.
   */
  when?: { field: string; equals: string };
}

/** Who makes a move: their roles and kind of party, and for an item's lifecycle whether their party entered the subject. */
export interface Mover {
  roles: readonly Role[];
  partyKind: PartyKind;
  isSubjectAuthor?: boolean;
  /** The mover's party and the subject's, named in a refusal so it says who may not move what. */
  party?: string;
  subjectParty?: string;
}

/** A refused move says whether the state forbids it (a conflict) or the mover may not make it. */
export type TransitionCheck = { allowed: true; to: string } | { allowed: false; because: 'state' | 'mover'; reason: string };

/** Whether a move's condition on the payload holds; one without a condition always does. */
function payloadMatches(transition: Transition, payload: Record<string, unknown> | undefined): boolean {
  return transition.when === undefined || payload?.[transition.when.field] === transition.when.equals;
}

/** Whether an item of `type` (with this payload, for moves that read it) may move a lifecycle now in `state`, and to where. */
export function checkTransition(lifecycle: Lifecycle, state: string, type: string, mover?: Mover, payload?: Record<string, unknown>): TransitionCheck {
  const moves = lifecycle.transitions.filter((transition) => transition.by === type && payloadMatches(transition, payload));
  if (moves.length === 0) return { allowed: false, because: 'state', reason: `${type} does not move the ${lifecycle.name}` };
  const move = moves.find((transition) => transition.from.includes(state));
  if (!move) return { allowed: false, because: 'state', reason: `${type} cannot be entered while the ${lifecycle.name} is ${state}` };
  if (mover && move.roles && !move.roles.some((role) => mover.roles.includes(role))) {
    return { allowed: false, because: 'mover', reason: `only a member with the role ${move.roles.join(' or ')} may make this move` };
  }
  if (mover && move.partyKinds && !move.partyKinds.includes(mover.partyKind)) {
    return { allowed: false, because: 'mover', reason: `only a ${move.partyKinds.join(' or ')} may make this move` };
  }
  if (mover && move.party === 'subject-author' && mover.isSubjectAuthor === false) {
    const named = mover.party !== undefined && mover.subjectParty !== undefined;
    return { allowed: false, because: 'mover', reason: named ? `only the party that entered it (${mover.subjectParty}) may make this move, not ${mover.party}` : 'only the party that entered it may make this move' };
  }
  if (mover && move.party === 'other' && mover.isSubjectAuthor === true) {
    return { allowed: false, because: 'mover', reason: `the party that entered it may not make this move` };
  }
  return { allowed: true, to: move.to };
}

/** The state after a run of moves (item types, or items with their payloads), in log order; moves that were not allowed change nothing. */
export function replayLifecycle(lifecycle: Lifecycle, moves: Iterable<string | { type: string; payload: Record<string, unknown> }>): string {
  let state = lifecycle.initial;
  for (const move of moves) {
    const check = typeof move === 'string' ? checkTransition(lifecycle, state, move) : checkTransition(lifecycle, state, move.type, undefined, move.payload);
    if (check.allowed) state = check.to;
  }
  return state;
}

/** Where a move of this type leads, whatever it started from; undefined when it moves nothing. */
export function stateAfter(lifecycle: Lifecycle, type: string): string | undefined {
  return lifecycle.transitions.find((transition) => transition.by === type)?.to;
}

/** Whether items of `type` move this lifecycle (rather than start it, or have nothing to do with it). */
export function movesLifecycle(lifecycle: Lifecycle, type: string): boolean {
  return lifecycle.transitions.some((transition) => transition.by === type);
}

/** Whether items of `type` start a lifecycle of their own. */
export function startsLifecycle(lifecycle: Lifecycle, type: string): boolean {
  return lifecycle.subject.kind === 'item' && lifecycle.subject.of.includes(type);
}

/**
 * Where a lifecycle's state is kept: one key for the cell's (`cell:channel`), the subject
 * item's id for an item's.
 */
export function lifecycleSubjectKey(lifecycle: Lifecycle, subjectItem: string | undefined): string | undefined {
  return lifecycle.subject.kind === 'cell' ? `cell:${lifecycle.name}` : subjectItem;
}

/**
 * What is wrong with a lifecycle as declared: a state it cannot reach or name, a start or
 * move by a type it does not know. Checked for every registered type.
 */
export function lifecycleProblems(lifecycle: Lifecycle, knownTypes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const states = new Set(lifecycle.states);
  if (!states.has(lifecycle.initial)) problems.push(`${lifecycle.name}: the initial state ${lifecycle.initial} is not one of its states`);
  for (const transition of lifecycle.transitions) {
    if (!knownTypes.has(transition.by)) problems.push(`${lifecycle.name}: ${transition.by} is not an item type`);
    for (const state of [...transition.from, transition.to]) {
      if (!states.has(state)) problems.push(`${lifecycle.name}: ${transition.by} names a state ${state} it does not have`);
    }
  }
  if (lifecycle.subject.kind === 'item') {
    for (const type of lifecycle.subject.of) if (!knownTypes.has(type)) problems.push(`${lifecycle.name}: its subject ${type} is not an item type`);
  }
  return problems;
}
