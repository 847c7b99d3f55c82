import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Track } from '@fusion-cell/protocol';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { ActionButton, offeredActions, useActionContext } from '../../items/item-actions.tsx';
import { ItemCard } from '../../items/item-card.tsx';
import { authorPartyOf, useItemGraph } from '../../items/item-graph.ts';
import { commitmentsOn } from '../commitments/commitment-state.ts';
import { DocumentPdfLink } from '../pdf-link.tsx';
import type { JointText } from './joint-text-state.ts';

/**
 * What a signed text gives: its PDF, the commitments taken in it and, for whoever may record
 * one, the form to record it. Only the version in force takes commitments.
 */
export function SignedTextPanel({ text }: { text: JointText }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const contextOf = useActionContext();
  const [open, setOpen] = useState(false);
  const inForce = text.versions.find((version) => version.id === text.document.status.inForce?.id);
  if (!inForce?.item.signed) return null;
  const envelope = inForce.item.signed.envelope;
  const compartment = session.compartments.find((candidate) => candidate.id === text.compartment);
  const track = Track.safeParse(envelope.track);
  const place = compartment && track.success ? { compartment, track: track.data } : undefined;
  const record = place
    ? offeredActions(contextOf({ id: inForce.id, ...place, type: envelope.type, payload: envelope.payload, authorParty: authorPartyOf(inForce.item, snapshot.members) })).find(({ action }) => action.id === 'recordCommitment')?.action
    : undefined;
  const commitments = commitmentsOn(text.versions, graph);
  return (
    <section className="text-signed" data-testid="text-signed" data-version={inForce.number}>
      <DocumentPdfLink documentId={text.id} label={t('jointText.pdf.download', { number: inForce.number })} hint={t('jointText.pdf.hint')} testId="text-pdf" />
      {(record || commitments.length > 0) && (
        <section className="text-commitments" data-testid="text-commitments" data-count={commitments.length}>
          <h4>{t('jointText.commitments.heading')}</h4>
          {commitments.length === 0 && <p className="hint">{t('jointText.commitments.none')}</p>}
          {commitments.map((commitment) => (
            <ItemCard key={commitment.id} item={commitment} author={commitment.signed ? snapshot.members.get(commitment.signed.envelope.author) : undefined} />
          ))}
          {record && place && (
            <div className="item-actions">
              <div className="item-actions-bar">
                <ActionButton id="recordCommitment" testId="action-recordCommitment" open={open} pressed onToggle={() => setOpen(!open)} />
              </div>
              {open && <record.Panel target={{ id: inForce.id, compartment: text.compartment, track: place.track }} owed={undefined} onDone={() => setOpen(false)} />}
            </div>
          )}
        </section>
      )}
    </section>
  );
}
