import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disputeIsOpen } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import type { ActionTarget, ItemActionId } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FreeText } from '../items/free-text.tsx';
import { ActionButton, offeredActions, useActionContext, type TypeAction } from '../items/item-actions.tsx';
import { authorPartyOf } from '../items/item-graph.ts';
import { currentStep, type DisputeRecord } from './dispute-record.ts';
import { StageForm } from './stage-forms.tsx';
import { proposalsOf } from './stages.ts';
import { useStateName } from './state-names.ts';

/** The steps of the process the reader takes from here; the caucus and the resolution have their own sections. */
const HERE: readonly ItemActionId[] = ['respondDispute', 'proposeStage', 'decideStage', 'closeDispute'];

/** An item of the dispute as an action's offer sees it. */
function useTargetOf(): (item: SyncedItem) => ActionTarget | undefined {
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  return (item) => {
    const envelope = item.signed?.envelope;
    const compartment = session.compartments.find((candidate) => candidate.id === item.compartment);
    if (!envelope || !compartment) return undefined;
    return { id: item.id, compartment, track: envelope.track as ActionTarget['track'], type: envelope.type, payload: envelope.payload, authorParty: authorPartyOf(item, snapshot.members) };
  };
}

/** The proposals to move on, each with who made it and why, and whether it still awaits the supervisor, who may accept it here. */
function Proposals({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  const partyName = usePartyName();
  const { snapshot } = useRecordSync();
  const { session } = useAuthenticated();
  const [accepting, setAccepting] = useState<string | null>(null);
  const proposals = proposalsOf(record);
  if (proposals.length === 0) return null;
  const supervisor = session.party.kind === 'supervisor';
  return (
    <ul className="dispute-proposals" data-testid="dispute-proposals">
      {proposals.map((proposal) => (
        <li key={proposal.item.id} data-testid={`dispute-proposal-${proposal.item.id}`} data-open={proposal.open} data-to={proposal.payload.to}>
          <p>
            {t('disputes.page.proposal', { party: partyName(authorPartyOf(proposal.item, snapshot.members) ?? ''), stage: stateName(proposal.payload.to) })}{' '}
            <span className="tag">{proposal.open ? t('disputes.page.proposalOpen') : proposal.decidedBy ? t('disputes.page.proposalAccepted') : t('disputes.page.proposalPassed')}</span>
          </p>
          <FreeText text={proposal.payload.reason} language={proposal.payload.language} />
          {supervisor && proposal.open && (
            <button type="button" className="button button-small" data-testid="dispute-proposal-accept" aria-expanded={accepting === proposal.item.id} onClick={() => setAccepting(accepting === proposal.item.id ? null : proposal.item.id)}>
              {t('disputes.page.accept', { stage: stateName(proposal.payload.to) })}
            </button>
          )}
          {accepting === proposal.item.id && <StageForm key={proposal.item.id} record={record} proposal={proposal.item.id} onDone={() => setAccepting(null)} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the reader's party may do on the dispute now, and only that: respond in the current
 * stage (open at once when the party owes it), propose the next stage (a side), move it on or
 * close it (the supervisor); the open proposals; or, when nothing is asked of it, what the
 * dispute awaits.
 */
export function DisputeNow({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { inbox } = useCoordination();
  const contextOf = useActionContext();
  const targetOf = useTargetOf();
  const [open, setOpen] = useState<ItemActionId | null>(null);
  const step = currentStep(record);
  const targets = [record.item, ...(step && step.item.id !== record.id ? [step.item] : [])].flatMap((item) => targetOf(item) ?? []);
  // The supervisor's decision is offered on the dispute and on its current stage alike: once here.
  const offered: (TypeAction & { target: ActionTarget })[] = targets
    .flatMap((target) =>
      offeredActions(contextOf(target))
        .filter(({ action }) => HERE.includes(action.id))
        .map((offer) => ({ ...offer, target })),
    )
    .filter((offer, position, all) => all.findIndex((other) => other.action.id === offer.action.id) === position);
  const owed = inbox?.entries.find((entry) => entry.item === step?.item.id);
  const shown = open ?? (owed && offered.find(({ action }) => action.meets?.(owed))?.action.id) ?? null;
  const panel = offered.find(({ action }) => action.id === shown);
  return (
    <section className="dispute-now" aria-labelledby={headingId} data-testid="dispute-now" data-offered={offered.map(({ action }) => action.id).join(' ')}>
      <h2 id={headingId}>{t('disputes.page.now')}</h2>
      {!disputeIsOpen(record.state) ? (
        <p className="hint">{t('disputes.page.closedNothing')}</p>
      ) : offered.length === 0 ? (
        <p className="hint" data-testid="dispute-now-nothing">
          {t('disputes.page.nothing')}
        </p>
      ) : (
        <div className="item-actions-bar">
          {offered.map(({ type, action }) => (
            <ActionButton key={`${type}-${action.id}`} id={action.id} testId={`dispute-action-${action.id}`} open={shown === action.id} pressed onToggle={() => setOpen(shown === action.id ? null : action.id)} />
          ))}
        </div>
      )}
      {panel && <panel.action.Panel target={{ id: panel.target.id, compartment: panel.target.compartment.id, track: panel.target.track }} owed={owed} onDone={() => setOpen(null)} />}
      <Proposals record={record} />
    </section>
  );
}
