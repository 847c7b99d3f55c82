import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckStatus } from '../items/ack-status.tsx';
import { mayCreate } from '../items/permissions.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormSubmit, ItemForm } from '../forms/item-form.tsx';
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
  const [note, setNote] = useState('');
  return (
    <ItemForm
      type="link.check"
      testId="link-check"
      className="link-check-form"
      place={{ compartment, track: 'general' }}
      draft={() => {
        const payload: JsonObject = note.trim() === '' ? {} : { note: note.trim() };
        return { payload };
      }}
      onEntered={() => setNote('')}
    >
      <TextField field="note" label={t('watch.linkCheck.note')} testId="link-check-note-input" value={note} onChange={setNote} />
      <FormSubmit className="button">{t('watch.linkCheck.submit')}</FormSubmit>
    </ItemForm>
  );
}
