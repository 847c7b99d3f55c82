/** A `datetime-local` value (the reader's own clock) as an instant, or undefined. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/**
 * The zone a `datetime-local` input is read in (the browser's), named as the member reads it:
 * its IANA name and its offset in their language, e.g. "Asia/Damascus (GMT+3)".
 */
export function localTimeZone(language: string, at: Date = new Date(), timeZone?: string): string {
  const format = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'shortOffset' });
  const name = format.resolvedOptions().timeZone;
  const offset = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return offset === undefined || offset === name ? name : `${name} (${offset})`;
}
