import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format.ts';
import './length-counter.css';

/** The share of a limit from which the counter shows: short texts are not nagged. */
const SHOW_FROM = 0.8;

/** Whether text of this length breaks the limit, counted as the schemas count it (trimmed). */
export function overLimit(text: string, limit: number | undefined): boolean {
  return limit !== undefined && text.trim().length > limit;
}

/**
 * How much of a text field's limit is used, once the text nears it; over the limit it says by
 * how much, and the form refuses it on sending rather than cutting it. Announced politely, so a
 * screen reader hears it reach and pass the limit without being interrupted at every key.
 */
export function LengthCounter({ text, limit, id, testId }: { text: string; limit: number | undefined; id?: string; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (limit === undefined) return null;
  const length = text.trim().length;
  if (length < limit * SHOW_FROM) return null;
  const over = length > limit;
  const words = { length: format.number(length), limit: format.number(limit), over: format.number(length - limit) };
  return (
    <p className={`length-counter${over ? ' length-counter-over' : ''}`} id={id} aria-live="polite" data-testid={testId} data-length={length} data-limit={limit} data-over={over}>
      {over ? t('forms.counterOver', words) : t('forms.counter', words)}
    </p>
  );
}
