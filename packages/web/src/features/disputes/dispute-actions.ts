import { disputeIsOpen, type PartyKind } from '@fusion-cell/protocol';
import type { ActionContext, ItemAction } from '../../item-types/web-item-type.ts';
import { CAUCUS_STAGES } from './caucus.ts';
import { CaucusPanel } from './caucus-form.tsx';
import { deadlineOf } from './dispute-deadline.ts';
import { currentStep, disputeParties, type DisputeRecord } from './dispute-record.ts';
import { isDisputable } from './disputable.ts';
import { RaiseDisputePanel } from './raise-form.tsx';
import { AmendResolutionPanel, DraftResolutionPanel } from './resolution-form.tsx';
import { resolutionOf } from './resolution-state.ts';
import { RespondPanel } from './response-form.tsx';
import { ClosePanel, ProposalPanel, StagePanel } from './stage-forms.tsx';
import { laterStages } from './stages.ts';
import { cachedDisputeIndex, disputeOfItem } from './use-disputes.ts';

const kindIn = (context: ActionContext) => (party: string) => context.cell.parties.find((candidate) => candidate.id === party)?.kind;

/** The dispute the action's item belongs to (the dispute itself, a stage decision, a resolution version). */
function disputeIn(context: ActionContext): DisputeRecord | undefined {
  return disputeOfItem(cachedDisputeIndex(context.graph, { members: context.members, kindOf: kindIn(context) }), context.target.id);
}

/** The dispute whose own card the action is on. */
function onOwnCard(context: ActionContext): DisputeRecord | undefined {
  return context.target.type === 'dispute' ? disputeIn(context) : undefined;
}

/**
 * The dispute the supervisor acts on from its own card or from the stage decision that asks the
 * current responses: where the overdue view shows a response that did not come.
 */
function onCardOrCurrentStage(context: ActionContext): DisputeRecord | undefined {
  if (context.target.type === 'dispute') return disputeIn(context);
  const record = context.target.type === 'dispute.stage' ? disputeIn(context) : undefined;
  return record && currentStep(record)?.item.id === context.target.id ? record : undefined;
}

const isSupervisor = (context: ActionContext) => context.reader.partyKind === 'supervisor';
const isPartyTo = (record: DisputeRecord, party: string) => disputeParties(record).includes(party);

/** The resolution's document, as the offer sees it. */
function resolutionIn(context: ActionContext, record: DisputeRecord) {
  const partiesOf = () => context.target.compartment.parties.map((id) => ({ id, kind: kindIn(context)(id) ?? ('observer' as PartyKind) }));
  return resolutionOf(record, context.graph, context.members, partiesOf);
}

/** Offered on every item a side may dispute in the plenary but its own party's, and never on a translation (contested by its own action). */
export const raiseDisputeAction: ItemAction = {
  id: 'raiseDispute',
  offered: (context) => isDisputable(context.target.type) && context.target.type !== 'translation' && context.target.authorParty !== context.reader.party,
  Panel: RaiseDisputePanel,
};

/** Offered on another party's translation while no dispute about it is open: one contest at a time. */
export const contestTranslationAction: ItemAction = {
  id: 'contestTranslation',
  offered: (context) => {
    if (context.target.type !== 'translation' || context.target.authorParty === context.reader.party) return false;
    const index = cachedDisputeIndex(context.graph, { members: context.members, kindOf: kindIn(context) });
    return !(index.byItem.get(context.target.id) ?? []).some((id) => disputeIsOpen(index.disputes.get(id)?.state ?? 'resolved'));
  },
  Panel: RaiseDisputePanel,
};

/** Offered to a party whose response the current stage still awaits, on the item that asks it. */
export const respondDisputeAction: ItemAction = {
  id: 'respondDispute',
  offered: (context) => {
    const record = disputeIn(context);
    if (!record || currentStep(record)?.item.id !== context.target.id) return false;
    const deadline = deadlineOf(record, { members: context.members, kindOf: kindIn(context), rules: context.cell.rules, audienceOf: () => context.target.compartment.parties });
    return deadline?.awaiting.includes(context.reader.party) ?? false;
  },
  meets: (owed) => owed.kind === 'reply' && owed.required === 'dispute.response',
  Panel: RespondPanel,
};

/** Offered to a side party to an open dispute that has a stage still ahead. */
export const proposeStageAction: ItemAction = {
  id: 'proposeStage',
  offered: (context) => {
    const record = onOwnCard(context);
    return record !== undefined && !isSupervisor(context) && isPartyTo(record, context.reader.party) && laterStages(record.state).length > 0;
  },
  Panel: ProposalPanel,
};

/** Offered to the supervisor while a stage is still ahead, on the dispute and its current stage; on the overdue view too, where a response did not come. */
export const decideStageAction: ItemAction = {
  id: 'decideStage',
  offered: (context) => {
    const record = onCardOrCurrentStage(context);
    return record !== undefined && isSupervisor(context) && laterStages(record.state).length > 0;
  },
  onOverdue: true,
  Panel: StagePanel,
};

/** Offered to the supervisor on an open dispute. */
export const closeDisputeAction: ItemAction = {
  id: 'closeDispute',
  offered: (context) => {
    const record = onCardOrCurrentStage(context);
    return record !== undefined && isSupervisor(context) && disputeIsOpen(record.state);
  },
  onOverdue: true,
  Panel: ClosePanel,
};

/** Offered in facilitation and resolution to the supervisor and to a side party to it, each in the caucus it reads. */
export const caucusAction: ItemAction = {
  id: 'caucus',
  elsewhere: true,
  offered: (context) => {
    const record = onOwnCard(context);
    return record !== undefined && CAUCUS_STAGES.includes(record.state) && caucusReadable(context, record);
  },
  Panel: CaucusPanel,
};

/** Whether the reader takes part in a caucus of the dispute: a supervisor with any side of it, a side in its own. */
function caucusReadable(context: ActionContext, record: DisputeRecord): boolean {
  const sides = disputeParties(record).filter((party) => kindIn(context)(party) === 'side');
  return isSupervisor(context) ? sides.length > 0 : sides.includes(context.reader.party);
}

/** Offered in the resolution stage to a party that signs the resolution, until its first version is drafted. */
export const draftResolutionAction: ItemAction = {
  id: 'draftResolution',
  offered: (context) => {
    const record = onOwnCard(context);
    return record !== undefined && record.state === 'resolution' && record.resolutions.length === 0 && (isSupervisor(context) || isPartyTo(record, context.reader.party));
  },
  Panel: DraftResolutionPanel,
};

/** Offered on the latest version of a resolution not in force, in the resolution stage, to a party that signs it. */
export const amendResolutionAction: ItemAction = {
  id: 'amend',
  offered: (context) => {
    if (context.target.type !== 'dispute.resolution') return false;
    const record = disputeIn(context);
    const resolution = record && resolutionIn(context, record);
    const parties = context.target.payload['parties'];
    return record?.state === 'resolution' && resolution?.status.latest.id === context.target.id && !resolution.status.inForce && Array.isArray(parties) && parties.includes(context.reader.party);
  },
  Panel: AmendResolutionPanel,
};
