import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_LEVEL_RANK, ACK_LEVELS, AckLevel, AckPayload, RTL_LANGUAGES, type Language } from '@fusion-cell/protocol';
import { inputProblems, type InputProblem } from '../../components/input-problems.ts';
import { LengthCounter, overLimit } from '../../components/length-counter.tsx';
import { useProblemText } from '../../components/use-error-text.ts';
import type { ActionPanelProps, AnswerTarget } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FieldProblem, FormField } from '../forms/form-field.tsx';
import { LanguageSelect, useTextLanguage } from '../forms/language-select.tsx';
import { textLimit } from '../forms/payload-fields.ts';
import { SubmitStatus } from '../forms/submit-status.tsx';
import { useSubmitItem } from '../forms/use-submit-item.ts';
import { acknowledgmentsOf, useItemGraph } from './item-graph.ts';

/** The levels still open to a party that reached `current`: higher ones only, none after a final answer. */
export function openLevels(current: AckLevel | null): AckLevel[] {
  const rank = current === null ? 0 : ACK_LEVEL_RANK[current];
  return ACK_LEVELS.filter((level) => ACK_LEVEL_RANK[level] > rank);
}

/**
 * The words an acknowledgment may carry (a read-back, a reason), in the language they are
 * written in, with what the level says of them.
 */
function AckText({
  field,
  label,
  hint,
  value,
  onChange,
  language,
  onLanguage,
  className = 'ack-text field',
  required = false,
  problem,
  actions,
}: {
  field: 'readBack' | 'reason';
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  language: Language;
  onLanguage: (language: Language) => void;
  className?: string;
  /** Required, and marked invalid while missing. */
  required?: { missing: boolean } | false;
  /** What is wrong with it, under it. */
  problem?: ReactNode;
  /** What signs it, after its language. */
  actions?: ReactNode;
}) {
  const limit = textLimit('ack', field);
  const testId = field === 'readBack' ? 'ack-read-back' : 'ack-reason';
  return (
    <FormField label={label} className={className}>
      {(id) => (
        <>
          <p className="hint">{hint}</p>
          <textarea
            id={id}
            data-testid={testId}
            rows={3}
            lang={language}
            dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
            aria-invalid={(required && required.missing) || overLimit(value, limit)}
            aria-required={required ? 'true' : undefined}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <LengthCounter text={value} limit={limit} testId={`${testId}-counter`} />
          {problem}
          <LanguageSelect value={language} onChange={onLanguage} testId="ack-language" />
          {actions}
        </>
      )}
    </FormField>
  );
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
  // What the acknowledgment's schema, the server's own, refuses: said here, nothing cut.
  const [refused, setRefused] = useState<InputProblem | null>(null);
  const problemText = useProblemText();
  // What this form signed, so it is not offered again before the record shows it.
  const [signed, setSigned] = useState<AckLevel | null>(null);

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
    const problem = inputProblems(AckPayload, payload)[0] ?? null;
    setRefused(problem);
    if (problem) return;
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
        <AckText field="readBack" label={t('ack.readBackLabel')} hint={t('ack.readBackHint')} value={readBack} onChange={setReadBack} language={language} onLanguage={setLanguage} />
      )}
      {contesting && levels.includes('contested') && (
        <AckText
          field="reason"
          label={t('ack.reasonLabel')}
          hint={t('ack.reasonHint')}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setReasonMissing(false);
          }}
          language={language}
          onLanguage={setLanguage}
          className="ack-text field ack-contest"
          required={{ missing: reasonMissing }}
          problem={reasonMissing && <FieldProblem problem={{ text: t('ack.reasonMissing'), testId: 'ack-reason-missing' }} />}
          actions={
            <div className="form-actions">
              <button type="button" className="button button-danger" data-testid="ack-contest-confirm" disabled={sending} onClick={() => void acknowledge('contested')}>
                {t('ack.contestConfirm')}
              </button>
              <button type="button" className="button" data-testid="ack-contest-cancel" onClick={() => setContesting(false)}>
                {t('ack.cancel')}
              </button>
            </div>
          }
        />
      )}
      {refused && <FieldProblem problem={{ text: problemText(refused), testId: 'ack-refused' }} field={refused.field} />}
      <SubmitStatus state={state} testId="ack-submit-status" conflict={t('ack.conflict')} />
    </div>
  );
}

/**
 * Acknowledging an item, from its thread or from the queue: the levels still open to the
 * reader's party (as the record verified here shows, or else its inbox), the one owed first.
 */
export function AckPanel({ target, owed }: ActionPanelProps) {
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const fromRecord = acknowledgmentsOf(target.id, graph, snapshot.members).get(session.party.id)?.level ?? null;
  const fromInbox = AckLevel.safeParse(owed?.acknowledged);
  const required = AckLevel.safeParse(owed?.kind === 'ack' ? owed.required : undefined);
  return <AckActions target={target} current={fromRecord ?? (fromInbox.success ? fromInbox.data : null)} required={required.success ? required.data : undefined} />;
}
