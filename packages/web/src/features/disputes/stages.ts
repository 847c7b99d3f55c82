import { DISPUTE_NEXT_STAGES, DISPUTE_STAGES, disputeIsOpen, DisputeStageProposalPayload, type DisputeNextStage, type DisputeStage, type DisputeState } from '@fusion-cell/protocol';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { currentStep, type DisputeRecord } from './dispute-record.ts';

/** The stages a dispute may still be moved to: later ones only, a stage skipped if need be. */
export function laterStages(state: DisputeState): DisputeNextStage[] {
  const at = (DISPUTE_STAGES as readonly string[]).indexOf(state);
  if (at < 0) return [];
  return DISPUTE_NEXT_STAGES.filter((stage) => DISPUTE_STAGES.indexOf(stage) > at);
}

/** A side's proposal to move on, as it reads. */
export interface Proposal {
  item: SyncedItem;
  payload: DisputeStageProposalPayload;
  /** The stage decision that answered it (its second reference), if one did. */
  decidedBy: SyncedItem | undefined;
  /** Still before the supervisor: made in the current stage, to a stage still ahead, not answered. */
  open: boolean;
}

/** Every proposal made on the dispute, oldest first, and whether each still awaits the supervisor. */
export function proposalsOf(record: DisputeRecord): Proposal[] {
  const step = currentStep(record);
  const ahead = laterStages(record.state);
  return record.proposals.flatMap((item) => {
    const payload = DisputeStageProposalPayload.safeParse(item.signed?.envelope.payload);
    if (!payload.success) return [];
    const decidedBy = record.moves.find((move) => move.signed?.envelope.references[1] === item.id);
    const open = step !== undefined && decidedBy === undefined && item.receivedAt >= step.at && ahead.includes(payload.data.to);
    return [{ item, payload: payload.data, decidedBy, open }];
  });
}

export type StepStatus = 'done' | 'current' | 'skipped' | 'upcoming';

/** Where a stage stands: passed through, the current one, skipped (moved past without it), or still ahead. */
export function stepStatus(record: Pick<DisputeRecord, 'state' | 'steps'>, stage: DisputeStage): StepStatus {
  const reached = record.steps.map((step) => step.stage);
  if (disputeIsOpen(record.state) && record.state === stage) return 'current';
  if (reached.includes(stage)) return 'done';
  const last = DISPUTE_STAGES.indexOf(reached[reached.length - 1] ?? 'notice');
  return disputeIsOpen(record.state) && DISPUTE_STAGES.indexOf(stage) > last ? 'upcoming' : 'skipped';
}
