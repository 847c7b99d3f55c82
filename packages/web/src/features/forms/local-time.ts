/** A `datetime-local` value (the reader's own clock) as an instant, or undefined. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
