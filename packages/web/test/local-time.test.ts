import { describe, expect, it } from 'vitest';
import { localInputToIso, localTimeZone } from '../src/features/forms/local-time.ts';
import { formatDateTime } from '../src/i18n/format.ts';

describe('the time zone said next to a time input', () => {
  const at = new Date('2026-06-01T12:00:00Z');

  it('names the zone and its offset in the member\'s language', () => {
    expect(localTimeZone('en', at, 'Asia/Damascus')).toBe('Asia/Damascus (GMT+3)');
    expect(localTimeZone('ar', at, 'Asia/Damascus')).toBe('Asia/Damascus (غرينتش+3)');
    expect(localTimeZone('he', at, 'Asia/Jerusalem')).toMatch(/^Asia\/Jerusalem \(GMT.*\+3/);
  });

  it('reads back an input\'s time in the member\'s language, with its zone', () => {
    const iso = localInputToIso('2026-06-01T14:30');
    expect(iso).toBeDefined();
    const english = formatDateTime(iso ?? '', 'en');
    const arabic = formatDateTime(iso ?? '', 'ar');
    expect(english).toMatch(/2026/);
    expect(arabic).toMatch(/٢٠٢٦|2026/);
    expect(arabic).not.toBe(english);
    expect(localInputToIso('')).toBeUndefined();
  });
});
