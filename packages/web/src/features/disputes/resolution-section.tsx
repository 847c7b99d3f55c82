import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { commitmentsOn } from '../diplomatic/commitments/commitment-state.ts';
import { recordCommitmentAction } from '../diplomatic/commitments/commitment-forms.tsx';
import type { DocumentView } from '../documents/document-state.ts';
import { ItemCard } from '../items/item-card.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { mayCreate } from '../items/permissions.ts';
import { disputeParties, type DisputeRecord } from './dispute-record.ts';
import { ResolutionForm } from './resolution-form.tsx';
import { useResolution } from './resolution-state.ts';

function Card({ item }: { item: SyncedItem }) {
  const { snapshot } = useRecordSync();
  return <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} />;
}

/** Where the resolution stands, in a line: in force (and which version), or which version awaits whose signature. */
function ResolutionStanding({ resolution }: { resolution: DocumentView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const { inForce, latest } = resolution.status;
  return (
    <p className={inForce ? 'message message-success' : 'message message-info'} data-testid="dispute-resolution-standing" data-in-force={inForce?.id ?? ''} data-version={latest.number}>
      {inForce
        ? t('disputes.resolution.inForce', { number: inForce.number })
        : t('disputes.resolution.awaiting', { number: latest.number, parties: format.list(latest.awaiting.map(partyName)) })}
    </p>
  );
}

/**
 * Commitments taken from the resolution in force: those recorded, and the diplomatic track's own
 * commitment form for the next (a commitment is a diplomatic undertaking, wherever it comes from).
 */
function ResolutionCommitments({ resolution }: { resolution: DocumentView }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const graph = useItemGraph();
  const [open, setOpen] = useState(false);
  const inForce = resolution.status.inForce;
  if (!inForce) return null;
  const commitments = commitmentsOn(resolution.versions, graph);
  const compartment = session.compartments.find((candidate) => candidate.id === resolution.compartment);
  const mayRecord = compartment !== undefined && mayCreate('commitment', { roles: session.member.roles, partyKind: session.party.kind }, { compartmentKind: compartment.kind, track: 'diplomatic' });
  const Panel = recordCommitmentAction.Panel;
  return (
    <section className="dispute-commitments" data-testid="dispute-commitments" data-count={commitments.length}>
      <h3>{t('disputes.resolution.commitments')}</h3>
      {commitments.length === 0 ? (
        <p className="hint">{t('disputes.resolution.noCommitment')}</p>
      ) : (
        <ul className="dispute-cards">
          {commitments.map((commitment) => (
            <li key={commitment.id}>
              <Card item={commitment} />
            </li>
          ))}
        </ul>
      )}
      {mayRecord && (
        <>
          <button type="button" className={open ? 'button button-pressed' : 'button'} aria-expanded={open} data-testid="dispute-commitment-open" onClick={() => setOpen(!open)}>
            {t('actions.recordCommitment')}
          </button>
          {open && <Panel target={{ id: inForce.id, compartment: resolution.compartment, track: 'diplomatic' }} owed={undefined} onDone={() => setOpen(false)} />}
        </>
      )}
    </section>
  );
}

/**
 * The resolution: every version, newest first, each with where its signatures stand and what
 * the reader's party may do with it (its head signs the latest; a party amends it while it is not
 * in force); the first draft while there is none; the commitments taken from it once in force.
 */
export function ResolutionSection({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { session } = useAuthenticated();
  const resolution = useResolution(record);
  const [drafting, setDrafting] = useState(false);
  if (record.state !== 'resolution' && !resolution) return null;
  const mayDraft = !resolution && (session.party.kind === 'supervisor' || disputeParties(record).includes(session.party.id)) && mayCreate('dispute.resolution', { roles: session.member.roles, partyKind: session.party.kind });
  return (
    <section className="dispute-section dispute-resolution" aria-labelledby={headingId} data-testid="dispute-resolution-section" data-versions={resolution?.versions.length ?? 0}>
      <h2 id={headingId}>{t('disputes.resolution.heading')}</h2>
      {resolution ? (
        <>
          <ResolutionStanding resolution={resolution} />
          <ol className="dispute-cards dispute-resolution-versions" reversed>
            {[...resolution.versions].reverse().map((version, position) => (
              <li key={version.id} data-testid={`dispute-resolution-version-${resolution.versions.length - position}`} data-item={version.id}>
                <Card item={version} />
              </li>
            ))}
          </ol>
          <ResolutionCommitments resolution={resolution} />
        </>
      ) : (
        <p className="hint" data-testid="dispute-resolution-none">
          {t('disputes.resolution.none')}
        </p>
      )}
      {mayDraft && record.state === 'resolution' && (
        <>
          <button type="button" className={drafting ? 'button button-pressed' : 'button button-primary'} aria-expanded={drafting} data-testid="dispute-resolution-draft-open" onClick={() => setDrafting(!drafting)}>
            {t('actions.draftResolution')}
          </button>
          {drafting && <ResolutionForm record={record} onDone={() => setDrafting(false)} />}
        </>
      )}
    </section>
  );
}
