import { useMemo } from 'react';
import { CommitmentPayload, commitmentStatus, type CellInfo, type CommitmentStatus, type VerificationVerdict } from '@fusion-cell/protocol';
import { useServerNow } from '../../../components/use-now.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../../sync/sync-types.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { acknowledgmentsOf, authorPartyOf, useItemGraph, type ItemGraph } from '../../items/item-graph.ts';

/** The commitments recorded on any version of a document (agreed minutes, a signed text), in log order. */
export function commitmentsOn(versions: readonly { id: string }[], graph: ItemGraph): SyncedItem[] {
  const ids = new Set(versions.map((version) => version.id));
  return [...graph.byId.values()].filter((item) => item.signed?.envelope.type === 'commitment' && ids.has(item.signed.envelope.references[0] ?? ''));
}

/** A commitment as the record verified here shows it. */
export interface CommitmentEntry {
  item: SyncedItem;
  payload: CommitmentPayload;
  status: CommitmentStatus;
}

type CommitmentAct = Parameters<typeof commitmentStatus>[2][number];

const usable = (item: SyncedItem) => item.signed != null && verdictOf(item.verification) !== 'failed';

/**
 * Where a commitment stands at `now`, by the protocol's `commitmentStatus`: the owner's reports
 * and the supervisors' verdicts under it in log order; disputed when a party contested it.
 */
export function commitmentStatusOf(id: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, cell: CellInfo | undefined, now: number): CommitmentStatus | undefined {
  const commitment = graph.byId.get(id);
  const parsed = CommitmentPayload.safeParse(commitment?.signed?.envelope.payload);
  if (!commitment || !usable(commitment) || commitment.signed?.envelope.type !== 'commitment' || !parsed.success) return undefined;
  // Without the cell's parties at hand, the cell's own admission stands: it takes a verdict from supervisors only.
  const bySupervisor = (item: SyncedItem) => (cell ? cell.parties.find((party) => party.id === authorPartyOf(item, members))?.kind === 'supervisor' : true);
  const acts = (graph.answers.get(id) ?? []).filter(usable).flatMap((answer): CommitmentAct[] => {
    const envelope = answer.signed?.envelope;
    if (envelope?.type === 'commitment.report') return [{ type: 'commitment.report', byOwner: authorPartyOf(answer, members) === parsed.data.owner }];
    if (envelope?.type === 'commitment.verify') return [{ type: 'commitment.verify', verdict: envelope.payload['verdict'] as VerificationVerdict, bySupervisor: bySupervisor(answer) }];
    return [];
  });
  const disputed = [...acknowledgmentsOf(id, graph, members).values()].some((ack) => ack.level === 'contested');
  return commitmentStatus(parsed.data.due, now, acts, disputed);
}

/** Whether a commitment asks nothing more of its owner: a supervisor verified it. */
export function commitmentReleased(id: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): boolean {
  return commitmentStatusOf(id, graph, members, undefined, Date.now()) === 'verified';
}

/** Every commitment of the reader's compartments with where it stands now, soonest due first; ticks with the clock. */
export function useCommitments(): CommitmentEntry[] {
  const { snapshot } = useRecordSync();
  const { cell } = useAuthenticated();
  const graph = useItemGraph();
  const now = useServerNow();
  // Status changes with the clock only at a due date: recomputed each second, cheaply.
  return useMemo(() => {
    const entries: CommitmentEntry[] = [];
    for (const log of snapshot.items.values()) {
      for (const item of log) {
        if (item.signed?.envelope.type !== 'commitment') continue;
        const parsed = CommitmentPayload.safeParse(item.signed.envelope.payload);
        const status = commitmentStatusOf(item.id, graph, snapshot.members, cell, now);
        if (parsed.success && status) entries.push({ item, payload: parsed.data, status });
      }
    }
    return entries.sort((a, b) => Date.parse(a.payload.due) - Date.parse(b.payload.due));
  }, [snapshot.items, snapshot.members, graph, cell, now]);
}
