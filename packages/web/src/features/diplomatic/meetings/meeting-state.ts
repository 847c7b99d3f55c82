import { useMemo } from 'react';
import type { MeetingPayload} from '@fusion-cell/protocol';
import { meetingState, MinutesPayload, readPayload, type CellInfo, type MeetingState } from '@fusion-cell/protocol';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../../sync/sync-types.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { authorPartyOf, useItemGraph, type ItemGraph } from '../../items/item-graph.ts';

/** A meeting as the record verified here shows it. */
export interface MeetingEntry {
  item: SyncedItem;
  payload: MeetingPayload;
  authorParty: string | undefined;
  state: MeetingState;
}

const usable = (item: SyncedItem) => item.signed != null && verdictOf(item.verification) !== 'failed';

const kindOf = (cell: CellInfo, party: string | undefined) => cell.parties.find((candidate) => candidate.id === party)?.kind;

/**
 * Where a meeting stands, by the protocol's `meetingState`: from the kind of party that entered
 * it and the confirmations and cancellations under it, in log order.
 */
export function meetingStateOf(id: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, cell: CellInfo): MeetingState | undefined {
  const meeting = graph.byId.get(id);
  if (!meeting || !usable(meeting) || meeting.signed?.envelope.type !== 'meeting') return undefined;
  const acts = (graph.answers.get(id) ?? [])
    .filter((answer) => usable(answer) && answer.signed?.envelope.references[0] === id)
    .map((answer) => ({ type: answer.signed?.envelope.type ?? '', partyKind: kindOf(cell, authorPartyOf(answer, members)) }));
  return meetingState(kindOf(cell, authorPartyOf(meeting, members)), acts);
}

function meetingEntry(item: SyncedItem, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, cell: CellInfo): MeetingEntry | undefined {
  const envelope = item.signed?.envelope;
  if (!envelope || envelope.type !== 'meeting' || !usable(item)) return undefined;
  const payload = readPayload('meeting', envelope.payload);
  const state = meetingStateOf(item.id, graph, members, cell);
  if (!payload.ok || !state) return undefined;
  return { item, payload: payload.payload as MeetingPayload, authorParty: authorPartyOf(item, members), state };
}

/** Every meeting of the reader's compartments, soonest first. */
export function useMeetings(): MeetingEntry[] {
  const { snapshot } = useRecordSync();
  const { cell } = useAuthenticated();
  const graph = useItemGraph();
  return useMemo(() => {
    const entries: MeetingEntry[] = [];
    for (const log of snapshot.items.values()) {
      for (const item of log) {
        const entry = meetingEntry(item, graph, snapshot.members, cell);
        if (entry) entries.push(entry);
      }
    }
    return entries.sort((a, b) => Date.parse(a.payload.startsAt) - Date.parse(b.payload.startsAt));
  }, [snapshot.items, snapshot.members, graph, cell]);
}

/** The first version of a meeting's minutes: one refers first to the meeting itself, not to earlier minutes. */
export function minutesOf(meetingId: string, graph: ItemGraph): SyncedItem | undefined {
  for (const item of graph.byId.values()) {
    const envelope = item.signed?.envelope;
    if (envelope?.type !== 'minutes' || !usable(item) || envelope.references[0] !== meetingId) continue;
    const payload = MinutesPayload.safeParse(envelope.payload);
    if (payload.success && payload.data.meeting === meetingId) return item;
  }
  return undefined;
}

/** The meetings already entered on an explanation request (it refers to the request first). */
export function meetingsOnRequest(requestId: string, graph: ItemGraph): SyncedItem[] {
  return [...graph.byId.values()].filter((item) => item.signed?.envelope.type === 'meeting' && item.signed.envelope.references[0] === requestId);
}
