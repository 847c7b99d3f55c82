import type { PartyKind, Role } from '../common.ts';

/**
 * A state machine whose moves are items: which states there are, where one starts, and which
 * item type moves it from where to where, entered by whom. The state is derived from the log
 * (the last move that was allowed), so rebuilding gives the same state.
 */
export interface Lifecycle {
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
}

export type TransitionCheck = { allowed: true; to: string } | { allowed: false; reason: string };

/** Whether an item of `type` may move a lifecycle now in `state`, and to where. */
export function checkTransition(lifecycle: Lifecycle, state: string, type: string, mover?: { roles: readonly Role[]; partyKind: PartyKind }): TransitionCheck {
  const moves = lifecycle.transitions.filter((transition) => transition.by === type);
  if (moves.length === 0) return { allowed: false, reason: `${type} does not move this state` };
  const move = moves.find((transition) => transition.from.includes(state));
  if (!move) return { allowed: false, reason: `${type} cannot be entered while the state is ${state}` };
  if (mover && move.roles && !move.roles.some((role) => mover.roles.includes(role))) {
    return { allowed: false, reason: `only a member with the role ${move.roles.join(' or ')} may make this move` };
  }
  if (mover && move.partyKinds && !move.partyKinds.includes(mover.partyKind)) {
    return { allowed: false, reason: `only a ${move.partyKinds.join(' or ')} may make this move` };
  }
  return { allowed: true, to: move.to };
}

/** The state after a run of moves, in log order; moves that were not allowed change nothing. */
export function replayLifecycle(lifecycle: Lifecycle, types: Iterable<string>): string {
  let state = lifecycle.initial;
  for (const type of types) {
    const check = checkTransition(lifecycle, state, type);
    if (check.allowed) state = check.to;
  }
  return state;
}

/** Where a move of this type leads, whatever it started from; undefined when it moves nothing. */
export function stateAfter(lifecycle: Lifecycle, type: string): string | undefined {
  return lifecycle.transitions.find((transition) => transition.by === type)?.to;
}
