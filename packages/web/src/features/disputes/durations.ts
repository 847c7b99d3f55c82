const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A span of time as people say it, in its largest unit (3 days, 5 hours, 12 minutes, 40 seconds),
 * in the language's own words and digits.
 */
export function formatSpan(milliseconds: number, language: string): string {
  const span = Math.max(0, milliseconds);
  const [unit, size] = span >= DAY_MS ? (['day', DAY_MS] as const) : span >= HOUR_MS ? (['hour', HOUR_MS] as const) : span >= MINUTE_MS ? (['minute', MINUTE_MS] as const) : (['second', SECOND_MS] as const);
  // Tenths only where they carry weight: 1.5 days, not 12.3 days.
  const value = span / size;
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: value < 10 && (unit === 'day' || unit === 'hour') ? 1 : 0 }).format(value);
}
