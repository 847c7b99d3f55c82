import {
  checkTransition,
  DISPUTE_LIFECYCLE,
  DisputeClosePayload,
  DisputePayload,
  disputeIsOpen,
  Track,
  type DisputeStage,
  type DisputeState,
  type PartyKind,
} from '@fusion-cell/protocol';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { authorPartyOf, type ItemGraph } from '../items/item-graph.ts';

/** What reading the record needs besides its items: who each member speaks for, and what kind each party is. */
export interface DisputeReading {
  members: ReadonlyMap<string, MemberView>;
  kindOf(party: string): PartyKind | undefined;
}

/** A stage the dispute reached: when, and by which item (the dispute itself for its notice). */
export interface DisputeStep {
  stage: DisputeStage;
  at: string;
  item: SyncedItem;
}

/**
 * One dispute as the record verified here shows it: what it is about and between whom, where
 * it stands (replayed by the protocol's lifecycle from the supervisors' moves, in log order),
 * and every item of its process. Caucus messages are there only when the reader's party reads
 * that caucus: the record of another side's caucus never reaches this browser.
 */
export interface DisputeRecord {
  id: string;
  item: SyncedItem;
  payload: DisputePayload;
  compartment: string;
  track: Track;
  raiser: string | undefined;
  respondents: readonly string[];
  /** The items disputed: its references. */
  disputed: readonly string[];
  state: DisputeState;
  /** The stages reached, in order: a skipped stage is not among them. */
  steps: readonly DisputeStep[];
  closing: { item: SyncedItem; payload: DisputeClosePayload } | undefined;
  responses: readonly SyncedItem[];
  proposals: readonly SyncedItem[];
  /** The supervisors' stage decisions that moved it. */
  moves: readonly SyncedItem[];
  caucus: readonly SyncedItem[];
  /** The resolution's versions, oldest first, and the signatures on them. */
  resolutions: readonly SyncedItem[];
  signatures: readonly SyncedItem[];
  /** The cell's escalations of a response not given in time. */
  escalations: readonly SyncedItem[];
}

/** Every dispute of the reader's compartments, and the disputes naming each item. */
export interface DisputeIndex {
  disputes: ReadonlyMap<string, DisputeRecord>;
  byItem: ReadonlyMap<string, readonly string[]>;
}

type Usable = SyncedItem & { signed: NonNullable<SyncedItem['signed']> };

const usable = (item: SyncedItem | undefined): item is Usable => item?.signed != null && verdictOf(item.verification) !== 'failed';

/** Log order across compartments: by the cell's time of receipt, then by index. */
export function byReceipt(a: SyncedItem, b: SyncedItem): number {
  return a.receivedAt === b.receivedAt ? a.index - b.index : a.receivedAt < b.receivedAt ? -1 : 1;
}

interface Collected {
  dispute: Usable;
  payload: DisputePayload;
  responses: Usable[];
  proposals: Usable[];
  moves: Usable[];
  closes: Usable[];
  caucus: Usable[];
  resolutions: Usable[];
  signatures: Usable[];
  escalations: Usable[];
}

/** The items of the process that refer first to the dispute itself. */
const ON_DISPUTE = { 'dispute.stage.proposal': 'proposals', 'dispute.stage': 'moves', 'dispute.close': 'closes', 'dispute.caucus': 'caucus' } as const;

/** The types the index reads: every other item, most of a long record, is passed over at once. */
const DISPUTE_TYPES: ReadonlySet<string> = new Set(['dispute', 'dispute.resolution', 'dispute.response', 'escalation', 'document.sign', ...Object.keys(ON_DISPUTE)]);

/** Replays the supervisors' moves by the protocol's lifecycle: a move it would refuse changes nothing. */
function replay(collected: Collected, reading: DisputeReading): { state: DisputeState; steps: DisputeStep[]; moves: Usable[]; closing: Collected['closes'][number] | undefined } {
  let state: string = DISPUTE_LIFECYCLE.initial;
  const steps: DisputeStep[] = [{ stage: 'notice', at: collected.dispute.receivedAt, item: collected.dispute }];
  const moves: Usable[] = [];
  let closing: Usable | undefined;
  const acts = [...collected.moves, ...collected.closes].sort(byReceipt);
  for (const act of acts) {
    const party = authorPartyOf(act, reading.members);
    const check = checkTransition(DISPUTE_LIFECYCLE, state, act.signed.envelope.type, undefined, act.signed.envelope.payload);
    // The cell takes a move from supervisors only; one from anyone else never moved it.
    if (!check.allowed || party === undefined || reading.kindOf(party) !== 'supervisor') continue;
    state = check.to;
    if (act.signed.envelope.type === 'dispute.close') closing = act;
    else {
      moves.push(act);
      steps.push({ stage: check.to as DisputeStage, at: act.receivedAt, item: act });
    }
  }
  return { state: state as DisputeState, steps, moves, closing };
}

function recordOf(collected: Collected, reading: DisputeReading): DisputeRecord | undefined {
  const { dispute, payload } = collected;
  const track = Track.safeParse(dispute.signed.envelope.track);
  if (!track.success) return undefined;
  const { state, steps, moves, closing } = replay(collected, reading);
  const close = closing && DisputeClosePayload.safeParse(closing.signed.envelope.payload);
  return {
    id: dispute.id,
    item: dispute,
    payload,
    compartment: dispute.compartment,
    track: track.data,
    raiser: authorPartyOf(dispute, reading.members),
    respondents: payload.respondents,
    disputed: dispute.signed.envelope.references,
    state,
    steps,
    closing: closing && close?.success ? { item: closing, payload: close.data } : undefined,
    responses: collected.responses.sort(byReceipt),
    proposals: collected.proposals.sort(byReceipt),
    moves,
    caucus: collected.caucus.sort(byReceipt),
    resolutions: collected.resolutions.sort(byReceipt),
    signatures: collected.signatures.sort(byReceipt),
    escalations: collected.escalations.sort(byReceipt),
  };
}

/**
 * Reads every dispute of the record verified here, and all of its process, in one pass: the
 * stage decisions, proposals, closings and caucus messages that refer first to it; the
 * responses to it and to its stages; the resolution's versions (which name it) and their
 * signatures; the escalations of what was owed on it. An item that failed verification here
 * counts for nothing.
 */
export function indexDisputes(graph: ItemGraph, reading: DisputeReading): DisputeIndex {
  const collected = new Map<string, Collected>();
  const items = [...graph.byId.values()].filter((item) => DISPUTE_TYPES.has(item.signed?.envelope.type ?? '')).filter(usable);
  for (const item of items) {
    if (item.signed.envelope.type !== 'dispute') continue;
    const payload = DisputePayload.safeParse(item.signed.envelope.payload);
    if (!payload.success) continue;
    collected.set(item.id, { dispute: item, payload: payload.data, responses: [], proposals: [], moves: [], closes: [], caucus: [], resolutions: [], signatures: [], escalations: [] });
  }
  // Stage items and resolution versions, by id, for what refers to them in turn.
  const disputeOf = new Map<string, string>();
  for (const item of items) {
    const { type, references, payload } = item.signed.envelope;
    const first = references[0] ?? '';
    const entry = collected.get(first);
    if (type in ON_DISPUTE && entry) {
      entry[ON_DISPUTE[type as keyof typeof ON_DISPUTE]].push(item);
      if (type === 'dispute.stage') disputeOf.set(item.id, first);
    } else if (type === 'dispute.resolution' && typeof payload['dispute'] === 'string') {
      const named = collected.get(payload['dispute']);
      if (named) {
        named.resolutions.push(item);
        disputeOf.set(item.id, named.dispute.id);
      }
    }
  }
  for (const item of items) {
    const { type, references } = item.signed.envelope;
    const first = references[0] ?? '';
    const entry = collected.get(collected.has(first) ? first : (disputeOf.get(first) ?? ''));
    if (!entry) continue;
    if (type === 'dispute.response') entry.responses.push(item);
    else if (type === 'escalation') entry.escalations.push(item);
    else if (type === 'document.sign' && disputeOf.has(first)) entry.signatures.push(item);
  }
  const disputes = new Map<string, DisputeRecord>();
  const byItem = new Map<string, string[]>();
  for (const entry of collected.values()) {
    const record = recordOf(entry, reading);
    if (!record) continue;
    disputes.set(record.id, record);
    for (const disputed of new Set(record.disputed)) byItem.set(disputed, [...(byItem.get(disputed) ?? []), record.id]);
  }
  return { disputes, byItem };
}

/** The stage it is in now, with the item that opened it; undefined once it is closed. */
export function currentStep(record: DisputeRecord): DisputeStep | undefined {
  return disputeIsOpen(record.state) ? record.steps[record.steps.length - 1] : undefined;
}

/** The parties of the dispute: its raiser and its respondents. */
export function disputeParties(record: DisputeRecord): string[] {
  return [...new Set([...(record.raiser === undefined ? [] : [record.raiser]), ...record.respondents])];
}

/** When it was closed, if it was. */
export function closedAt(record: DisputeRecord): string | undefined {
  return record.closing?.item.receivedAt;
}

/** Every item of the dispute's process the reader holds, in the order the cell received them. */
export function timelineOf(record: DisputeRecord): SyncedItem[] {
  const items = [record.item, ...record.responses, ...record.proposals, ...record.moves, ...(record.closing ? [record.closing.item] : []), ...record.resolutions, ...record.signatures, ...record.escalations, ...record.caucus];
  return items.sort(byReceipt);
}
