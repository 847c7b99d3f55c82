import { describe, expect, it } from 'vitest';
import { filtersFrom, withFilters } from '../src/features/commercial/board-filters.ts';
import { parseAmount } from '../src/features/commercial/commercial-problems.ts';
import { formatRange } from '../src/features/commercial/money.ts';

describe('an amount as a member types it', () => {
  it('reads Western and Arabic-Indic digits, grouped or not', () => {
    expect(parseAmount('5000000')).toBe(5_000_000);
    expect(parseAmount('5,000,000')).toBe(5_000_000);
    expect(parseAmount(' 5 000 000 ')).toBe(5_000_000);
    expect(parseAmount('٥٬٠٠٠٬٠٠٠')).toBe(5_000_000);
    expect(parseAmount('۱۲۰')).toBe(120);
  });

  it('refuses a decimal part, a sign or a word, rather than guessing', () => {
    for (const text of ['1.5', '-3', '12k', '', 'five', '1e6']) expect(parseAmount(text), text).toBeUndefined();
  });
});

describe('the board’s filters in the address', () => {
  it('keeps a sector, a party and words, and drops what is not one', () => {
    expect(filtersFrom(new URLSearchParams('sector=water&party=sy&q=%20wells%20'))).toEqual({ sector: 'water', party: 'sy', text: 'wells' });
    expect(filtersFrom(new URLSearchParams('sector=mining&party=Not%20a%20party&q='))).toEqual({});
  });

  it('removes a filter set to nothing and keeps the rest of the address', () => {
    expect(withFilters(new URLSearchParams('view=board&sector=water'), { sector: '', q: 'solar' }).toString()).toBe('view=board&q=solar');
  });
});

describe('a value range in the reader’s language', () => {
  it('says one amount when its ends are equal, a range otherwise', () => {
    expect(formatRange({ min: 25_000_000, max: 25_000_000, currency: 'USD' }, 'en')).toMatch(/^USD\s25,000,000$/);
    expect(formatRange({ min: 5_000_000, max: 8_000_000, currency: 'EUR' }, 'en')).toMatch(/EUR\s5,000,000–8,000,000/);
    expect(formatRange({ min: 5_000_000, max: 8_000_000, currency: 'EUR' }, 'en', true)).toMatch(/^EUR\s5–8M$/);
  });
});
