import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MinutesPayload, type MeetingPayload } from '@fusion-cell/protocol';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../../sync/sync-types.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { useDocument } from '../../documents/document-state.ts';
import { ItemCard } from '../../items/item-card.tsx';
import { useItemGraph } from '../../items/item-graph.ts';
import { mayCreate } from '../../items/permissions.ts';
import { commitmentsOn } from '../commitments/commitment-state.ts';
import type { MeetingEntry } from './meeting-state.ts';
import { minutesOf } from './meeting-state.ts';
import { DocumentPdfLink } from '../pdf-link.tsx';
import { AgreedBadge } from './minutes-content.tsx';
import { MinutesForm } from './minutes-form.tsx';

function Card({ item }: { item: SyncedItem }) {
  const { snapshot } = useRecordSync();
  const author = item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined;
  return <ItemCard item={item} author={author} />;
}

/**
 * The minutes of a meeting: every version, newest first, each with who signed it and what the
 * reader's party may do with it (sign the latest, amend it, record a commitment once agreed).
 */
function MinutesSection({ meeting, first }: { meeting: MeetingEntry; first: SyncedItem }) {
  const { t } = useTranslation();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const document = useDocument(first.id, snapshot.members);
  if (!document) return null;
  const agreed = document.status.inForce !== undefined;
  const latest = document.versions[document.versions.length - 1];
  const commitments = commitmentsOn(document.versions, graph);
  const latestPayload = MinutesPayload.safeParse(latest?.signed?.envelope.payload);
  return (
    <div className="minutes-versions" data-testid="minutes-versions" data-count={document.versions.length} data-agreed={agreed} data-latest={latest?.id} data-in-force={document.status.inForce?.id ?? ''}>
      <p className="minutes-versions-summary">
        {agreed ? <AgreedBadge /> : <span className="tag">{t('meetings.minutes.draft')}</span>} {t('meetings.minutes.versions', { number: document.versions.length })}
        {latestPayload.success && latestPayload.data.meeting !== meeting.item.id && <span className="message message-error">{t('meetings.minutes.otherMeeting')}</span>}
      </p>
      {agreed && <DocumentPdfLink documentId={first.id} label={t('meetings.minutes.pdf')} hint={t('meetings.minutes.pdfHint')} testId="minutes-pdf" />}
      <ol className="minutes-history" reversed>
        {[...document.versions].reverse().map((version, position) => (
          <li key={version.id} data-testid={`minutes-version-${document.versions.length - position}`} data-item={version.id}>
            <Card item={version} />
          </li>
        ))}
      </ol>
      {commitments.length > 0 && (
        <section className="meeting-commitments" data-testid="meeting-commitments">
          <h4>{t('meetings.page.commitments')}</h4>
          {commitments.map((commitment) => (
            <Card key={commitment.id} item={commitment} />
          ))}
        </section>
      )}
    </div>
  );
}

/** A supervisor's first draft: offered while the meeting has no minutes. */
function DraftMinutes({ meeting }: { meeting: MeetingEntry }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const [open, setOpen] = useState(false);
  const compartment = session.compartments.find((candidate) => candidate.id === meeting.item.compartment);
  const track = meeting.item.signed?.envelope.track;
  const allowed = session.party.kind === 'supervisor' && compartment !== undefined && track !== undefined && mayCreate('minutes', { roles: session.member.roles, partyKind: session.party.kind }, { compartmentKind: compartment.kind, track: 'diplomatic' });
  if (!allowed || meeting.state === 'cancelled') return <p className="hint" data-testid="minutes-none">{t('meetings.minutes.none')}</p>;
  return (
    <>
      <button type="button" className={open ? 'button button-pressed' : 'button button-primary'} aria-expanded={open} data-testid="minutes-draft-open" onClick={() => setOpen(!open)}>
        {t('meetings.minutes.draftButton')}
      </button>
      {open && <MinutesForm place={{ compartment: meeting.item.compartment, track: 'diplomatic' }} meeting={{ id: meeting.item.id, payload: meeting.payload as MeetingPayload }} onDone={() => setOpen(false)} />}
    </>
  );
}

/** One meeting's page: the meeting itself with its invitations' acknowledgments, then its minutes. */
export function MeetingPage({ meeting, onBack }: { meeting: MeetingEntry; onBack: () => void }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const first = minutesOf(meeting.item.id, graph);
  return (
    <article className="meeting-page" data-testid="meeting-page" data-meeting={meeting.item.id} data-state={meeting.state}>
      <button type="button" className="button button-link" data-testid="meeting-back" onClick={onBack}>
        {t('meetings.page.back')}
      </button>
      <Card item={meeting.item} />
      <section className="meeting-minutes" data-testid="meeting-minutes" aria-label={t('meetings.page.minutes')}>
        <h3>{t('meetings.page.minutes')}</h3>
        {first ? <MinutesSection meeting={meeting} first={first} /> : <DraftMinutes meeting={meeting} />}
      </section>
    </article>
  );
}
