import { useMemo } from 'react';
import type { Language } from '@fusion-cell/protocol';
import { useLanguage } from './use-language.ts';

/**
 * Date and time with the time zone named: the parties' watch rooms may be in different
 * zones, and a time without its zone is a misunderstanding waiting to happen.
 */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    // A watch runs round the clock: 24-hour time, in every language.
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Joins names as the language does ("A, B and C"). */
export function formatList(items: string[], language: Language): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/** A countdown as m:ss, in the language's digits. */
export function formatCountdown(seconds: number, language: Language): string {
  const number = new Intl.NumberFormat(language, { minimumIntegerDigits: 2 });
  const minutes = new Intl.NumberFormat(language).format(Math.floor(seconds / 60));
  return `${minutes}:${number.format(seconds % 60)}`;
}

export function useFormatters() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      dateTime: (iso: string) => formatDateTime(iso, language),
      list: (items: string[]) => formatList(items, language),
      countdown: (seconds: number) => formatCountdown(seconds, language),
      number: (value: number) => new Intl.NumberFormat(language).format(value),
    }),
    [language],
  );
}
