import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_LEVEL_RANK, ACK_LEVELS, type AckLevel, type AckPayload, type Track } from '@fusion-cell/protocol';
import { LanguageSelect, useTextLanguage } from './language-select.tsx';
import { SubmitStatus } from './submit-status.tsx';
import { useSubmitItem } from './use-submit-item.ts';

/** The item an answer refers to. */
export interface AnswerTarget {
  id: string;
  compartment: string;
  track: Track;
}

const MAX_TEXT = 4000;

/** The levels still open to a party that reached `current`: higher ones only, none after a final answer. */
export function openLevels(current: AckLevel | null): AckLevel[] {
  const rank = current === null ? 0 : ACK_LEVEL_RANK[current];
  return ACK_LEVELS.filter((level) => ACK_LEVEL_RANK[level] > rank);
}

/**
 * One-click acknowledgment at each level still open to the party: received; understood,
 * with an optional read-back in the officer's own words; accepted; contested, which asks
 * for the reason before anything is signed. A level once signed is not offered again.
 */
export function AckActions({
  target,
  current,
  only,
  required,
}: {
  target: AnswerTarget;
  current: AckLevel | null;
  /** Offer only these levels (the banner offers the one owed). */
  only?: readonly AckLevel[] | undefined;
  /** The level the party owes, shown as the primary action. */
  required?: AckLevel | undefined;
}) {
  const { t } = useTranslation();
  const { state, submit } = useSubmitItem();
  const [language, setLanguage] = useTextLanguage();
  const [readBackOpen, setReadBackOpen] = useState(false);
  const [readBack, setReadBack] = useState('');
  const [contesting, setContesting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  // What this form signed, so it is not offered again before the record shows it.
  const [signed, setSigned] = useState<AckLevel | null>(null);
  const ids = { readBack: useId(), reason: useId() };

  const reached = [current, signed].reduce<AckLevel | null>((best, level) => (level !== null && (best === null || ACK_LEVEL_RANK[level] > ACK_LEVEL_RANK[best]) ? level : best), null);
  const levels = openLevels(reached).filter((level) => only === undefined || only.includes(level));
  const sending = state.phase === 'sending';
  // The level owed stands out; without one, the first level still open.
  const primary = required !== undefined && levels.includes(required) ? required : levels[0];

  const acknowledge = async (level: AckLevel) => {
    const payload: Record<string, string> = { level } satisfies AckPayload;
    if (level === 'understood' && readBack.trim() !== '') Object.assign(payload, { readBack: readBack.trim(), language });
    if (level === 'contested') {
      if (reason.trim() === '') {
        setReasonMissing(true);
        return;
      }
      Object.assign(payload, { reason: reason.trim(), language });
    }
    const outcome = await submit({ compartment: target.compartment, track: target.track, type: 'ack', payload, references: [target.id] });
    if (outcome.ok) {
      setSigned(level);
      setContesting(false);
      setReadBackOpen(false);
    }
  };

  return (
    <div className="ack-actions" data-testid="ack-actions" data-current={reached ?? 'none'}>
      {levels.length === 0 ? (
        <p className="hint" data-testid="ack-final">
          {t('ack.final', { level: t(`items.ackLevels.${reached ?? 'accepted'}`) })}
        </p>
      ) : (
        <div className="ack-buttons" role="group" aria-label={t('ack.label')}>
          {levels.map((level) => (
            <button
              key={level}
              type="button"
              className={`button ack-button ack-button-${level} ${level === primary ? 'button-primary' : ''}`}
              data-testid={`ack-${level}`}
              disabled={sending}
              aria-expanded={level === 'contested' ? contesting : undefined}
              onClick={() => {
                if (level === 'contested' && !contesting) {
                  setContesting(true);
                  return;
                }
                void acknowledge(level);
              }}
            >
              {t(`ack.buttons.${level}`)}
            </button>
          ))}
          {levels.includes('understood') && (
            <button type="button" className="button button-link" data-testid="ack-read-back-toggle" aria-expanded={readBackOpen} onClick={() => setReadBackOpen((open) => !open)}>
              {t('ack.readBackToggle')}
            </button>
          )}
        </div>
      )}
      {readBackOpen && levels.includes('understood') && (
        <div className="ack-text field">
          <label htmlFor={ids.readBack}>{t('ack.readBackLabel')}</label>
          <p className="hint">{t('ack.readBackHint')}</p>
          <textarea id={ids.readBack} data-testid="ack-read-back" rows={3} maxLength={MAX_TEXT} lang={language} value={readBack} onChange={(event) => setReadBack(event.target.value)} />
          <LanguageSelect value={language} onChange={setLanguage} testId="ack-language" />
        </div>
      )}
      {contesting && levels.includes('contested') && (
        <div className="ack-text field ack-contest">
          <label htmlFor={ids.reason}>{t('ack.reasonLabel')}</label>
          <p className="hint">{t('ack.reasonHint')}</p>
          <textarea
            id={ids.reason}
            data-testid="ack-reason"
            rows={3}
            maxLength={MAX_TEXT}
            lang={language}
            aria-invalid={reasonMissing}
            aria-required="true"
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonMissing(false);
            }}
          />
          {reasonMissing && (
            <p className="message message-error" role="alert" data-testid="ack-reason-missing">
              {t('ack.reasonMissing')}
            </p>
          )}
          <LanguageSelect value={language} onChange={setLanguage} testId="ack-language" />
          <div className="form-actions">
            <button type="button" className="button button-danger" data-testid="ack-contest-confirm" disabled={sending} onClick={() => void acknowledge('contested')}>
              {t('ack.contestConfirm')}
            </button>
            <button type="button" className="button" data-testid="ack-contest-cancel" onClick={() => setContesting(false)}>
              {t('ack.cancel')}
            </button>
          </div>
        </div>
      )}
      <SubmitStatus state={state} testId="ack-submit-status" conflict={t('ack.conflict')} />
    </div>
  );
}
