import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format.ts';
import { useServerNow } from './use-now.ts';
import './deadline-countdown.css';

/** A duration as [days ]h:mm:ss or m:ss, in the language's digits and unit. */
export function formatDuration(milliseconds: number, language: string): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const two = new Intl.NumberFormat(language, { minimumIntegerDigits: 2 });
  const plain = new Intl.NumberFormat(language);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = hours > 0 || days > 0 ? `${plain.format(hours)}:${two.format(minutes)}:${two.format(seconds)}` : `${plain.format(minutes)}:${two.format(seconds)}`;
  // Days in the language's own short unit (7d, ٧ ي, 7 י׳), as the platform's locale data writes them.
  const inDays = new Intl.NumberFormat(language, { style: 'unit', unit: 'day', unitDisplay: 'narrow' });
  return days > 0 ? `${inDays.format(days)} ${clock}` : clock;
}

/**
 * Time left to a deadline, counting down each second; red and counting up once it passed;
 * and saying so when the cell escalated it. Status is in words and symbols, never colour alone.
 */
export function DeadlineCountdown({ dueAt, escalatedAt }: { dueAt: string; escalatedAt: string | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useServerNow();
  const due = Date.parse(dueAt);
  const overdue = now >= due;
  const state = escalatedAt !== null ? 'escalated' : overdue ? 'overdue' : 'due';
  const left = formatDuration(Math.abs(due - now), format.language);
  return (
    <p className={`countdown countdown-${state}`} data-testid="countdown" data-state={state} data-due-at={dueAt} role="timer" aria-live="off">
      <span className="countdown-symbol" aria-hidden="true">
        {overdue ? '⚠' : '◷'}
      </span>
      <span className="countdown-text">{overdue ? t('countdown.overdue', { time: left }) : t('countdown.dueIn', { time: left })}</span>
      <span className="countdown-due">{t('countdown.dueAt', { time: format.dateTime(dueAt) })}</span>
      {escalatedAt !== null && (
        <span className="tag tag-escalated" data-testid="countdown-escalated">
          {t('countdown.escalated', { time: format.dateTime(escalatedAt) })}
        </span>
      )}
    </p>
  );
}
