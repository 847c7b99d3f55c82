import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Track, type Language } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type ItemPlace } from '../forms/item-form.tsx';
import { FreeText } from '../items/free-text.tsx';
import { mayCreate } from '../items/permissions.ts';
import type { Readback } from './readback-state.ts';
import './readback.css';

/** Where a read-back's answers go: the acknowledgment's own compartment and track. */
function placeOf(readback: Readback): ItemPlace | undefined {
  const envelope = readback.ack.signed?.envelope;
  const track = Track.safeParse(envelope?.track);
  return envelope && track.success ? { compartment: envelope.compartment, track: track.data } : undefined;
}

/** One click: the author's party confirms that the read-back says what it meant. */
function ConfirmForm({ readback, place, onDone }: { readback: Readback; place: ItemPlace; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <ItemForm type="readback.confirm" testId="readback-confirm" className="readback-confirm-form" place={place} references={[readback.ack.id]} draft={() => ({ payload: {} })} onEntered={onDone}>
      <FormSubmit className="button button-primary">{t('understanding.readback.confirm')}</FormSubmit>
    </ItemForm>
  );
}

/** The question, written for the author and editable: one click opened it, one sends it. */
function ClarifyForm({ readback, place, onDone }: { readback: Readback; place: ItemPlace; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState(() => t('understanding.readback.questionDraft'));
  return (
    <ItemForm
      type="clarification"
      testId="readback-clarify"
      className="answer-form readback-clarify-form"
      place={place}
      references={[readback.ack.id]}
      draft={(language: Language) => (question.trim() === '' ? { missing: 'question' } : { payload: { question: question.trim(), language } })}
      onEntered={onDone}
    >
      <TextField field="question" label={t('answers.questionLabel')} testId="readback-clarify-text" rows={3} value={question} onChange={setQuestion} missing={{ text: t('answers.questionMissing'), testId: 'readback-clarify-missing' }} />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('answers.submit.clarification')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

/**
 * A read-back next to what it reads back, side by side (one under the other on a phone), for
 * the party that wrote the original: "Confirm" enters the confirmation at once; "Ask for
 * clarification" opens a question already written, to send as it is or edited.
 */
export function ReadbackPanel({ readback, onDone }: { readback: Readback; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const partyName = usePartyName();
  const [asking, setAsking] = useState(false);
  const place = placeOf(readback);
  const reader = { roles: session.member.roles, partyKind: session.party.kind };
  const compartmentKind = session.compartments.find((compartment) => compartment.id === place?.compartment)?.kind;
  const where = { ...(compartmentKind ? { compartmentKind } : {}), ...(place ? { track: place.track } : {}) };
  const mayConfirm = place !== undefined && readback.confirmation === undefined && mayCreate('readback.confirm', reader, where);
  const mayAsk = place !== undefined && readback.query === undefined && mayCreate('clarification', reader, where);
  return (
    <div className="readback-panel" data-testid="readback-panel" data-ack={readback.ack.id} data-confirmed={readback.confirmation !== undefined} data-queried={readback.query !== undefined}>
      <div className="readback-columns">
        <div className="readback-column readback-column-original" data-testid="readback-original">
          <p className="readback-column-label">{t('understanding.readback.original', { party: readback.author ? partyName(readback.author) : '?' })}</p>
          {readback.original ? <FreeText text={readback.original.text} language={readback.original.language} testId="readback-original-text" /> : <p className="hint">{t('understanding.readback.noText')}</p>}
        </div>
        <div className="readback-column" data-testid="readback-read-back">
          <p className="readback-column-label">{t('understanding.readback.readBy', { party: readback.reader ? partyName(readback.reader) : '?' })}</p>
          <FreeText text={readback.readBack.text} language={readback.readBack.language} testId="readback-text" />
        </div>
      </div>
      {readback.confirmation !== undefined && (
        <p className="readback-state" data-testid="readback-confirmed">
          {t('understanding.readback.confirmed')}
        </p>
      )}
      {readback.query !== undefined && (
        <p className="readback-state" data-testid="readback-queried">
          {t('understanding.readback.queried')}
        </p>
      )}
      {place && (mayConfirm || mayAsk) && (
        <div className="readback-actions">
          {mayConfirm && <ConfirmForm readback={readback} place={place} onDone={onDone} />}
          {mayAsk && (
            <button type="button" className={asking ? 'button button-pressed' : 'button'} aria-expanded={asking} data-testid="readback-ask" onClick={() => setAsking((open) => !open)}>
              {t('understanding.readback.ask')}
            </button>
          )}
        </div>
      )}
      {place && asking && mayAsk && <ClarifyForm readback={readback} place={place} onDone={onDone} />}
    </div>
  );
}
