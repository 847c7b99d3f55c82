import { describe, expect, it } from 'vitest';
import { pickLocalized } from '../src/i18n/localized-text.ts';
import { formatCountdown } from '../src/i18n/format.ts';

describe('pickLocalized', () => {
  it('picks the reader language when the name has it', () => {
    expect(pickLocalized({ en: 'Syria', ar: 'سوريا', he: 'סוריה' }, 'ar')).toEqual({ value: 'سوريا', language: 'ar' });
  });

  it('falls back to English, and says so', () => {
    expect(pickLocalized({ en: 'Syria' }, 'he')).toEqual({ value: 'Syria', language: 'en' });
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(65, 'en')).toBe('1:05');
    expect(formatCountdown(4, 'en')).toBe('0:04');
  });
});
