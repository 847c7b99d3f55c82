import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckStatus } from '../items/ack-status.tsx';
import { mayCreate } from '../items/permissions.ts';
import { SubmitStatus } from '../items/submit-status.tsx';
import { useSubmitItem } from '../items/use-submit-item.ts';
import { useTypeName } from '../items/type-names.ts';
import { useFormatters } from '../../i18n/format.ts';

/**
 * Checks the link with every party (duty officers), and shows the latest check in the
 * plenary with each party's answer. Answering a check is acknowledging it, from the queue.
 */
export function LinkCheckPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const typeName = useTypeName();
  const plenary = session.compartments.find((compartment) => compartment.kind === 'plenary');
  const canCheck = plenary !== undefined && mayCreate('link.check', { roles: session.member.roles, partyKind: session.party.kind }, { compartmentKind: 'plenary' });
  const latest = plenary ? [...(snapshot.items.get(plenary.id) ?? [])].reverse().find((item) => item.signed?.envelope.type === 'link.check') : undefined;
  if (!plenary) return null;
  return (
    <section className="watch-section link-check-panel" aria-labelledby="link-check-heading" data-testid="link-check-panel">
      <h2 id="link-check-heading">{t('watch.linkCheck.heading')}</h2>
      {latest?.signed ? (
        <div className="link-check-latest" data-testid="link-check-latest" data-item={latest.id}>
          <p>
            {typeName('link.check')} · <time dateTime={latest.signed.envelope.authoredAt}>{format.dateTime(latest.signed.envelope.authoredAt)}</time>
          </p>
          <AckStatus item={latest} />
        </div>
      ) : (
        <p className="hint">{t('watch.linkCheck.none')}</p>
      )}
      {canCheck && <LinkCheckForm compartment={plenary.id} />}
    </section>
  );
}

function LinkCheckForm({ compartment }: { compartment: string }) {
  const { t } = useTranslation();
  const { state, submit } = useSubmitItem();
  const [note, setNote] = useState('');
  const id = useId();
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await submit({ compartment, track: 'general', type: 'link.check', payload: note.trim() === '' ? {} : { note: note.trim() } });
    if (outcome.ok) setNote('');
  };
  return (
    <form className="link-check-form" data-testid="link-check-form" onSubmit={(event) => void send(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('watch.linkCheck.note')}</label>
        <input id={id} data-testid="link-check-note-input" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <button type="submit" className="button" data-testid="link-check-submit" disabled={state.phase === 'sending'}>
        {t('watch.linkCheck.submit')}
      </button>
      <SubmitStatus state={state} testId="link-check-status" />
    </form>
  );
}
