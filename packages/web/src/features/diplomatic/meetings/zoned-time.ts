/** The offset (ms) of a time zone from UTC at an instant: what a wall clock there reads minus UTC. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A `datetime-local` value read as a wall clock in a time zone (the venue's, which may not be
 * the browser's), as an instant; undefined when empty or malformed. Across a change of offset
 * the second guess settles it.
 */
export function zonedInputToIso(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (!Number.isFinite(wall)) return undefined;
  try {
    const first = wall - zoneOffset(wall, timeZone);
    return new Date(wall - zoneOffset(first, timeZone)).toISOString();
  } catch {
    return undefined;
  }
}

/** An instant as a `datetime-local` value in the browser's own zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** An instant as a time in a given zone, named with that zone, in the reader's language. */
export function formatInZone(iso: string, language: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of an instant in the browser's zone: how the calendar groups meetings. */
export function localDay(iso: string): string {
  return isoToLocalInput(iso).slice(0, 10);
}

/** The browser's time zone, the default for a new meeting. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The time zones a meeting may be held in: the runtime's list, with the browser's own always among them. */
export function timeZoneChoices(): string[] {
  const own = browserTimeZone();
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(own) ? known : [own, ...known];
}
