import { useMemo } from 'react';
import type { Language, ValueRange } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';

/** An amount in a currency as the reader's language writes it: `US$1,200,000`, `١٫٢ مليون US$`. */
export function formatMoney(amount: number, currency: string, language: Language, compact = false): string {
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    // Values are whole amounts of their currency.
    ...(compact ? { notation: 'compact', maximumSignificantDigits: 3 } : { maximumFractionDigits: 0 }),
  }).format(amount);
}

/** A value range as one amount when its ends are equal, else from one end to the other. */
export function formatRange(value: Pick<ValueRange, 'min' | 'max' | 'currency'>, language: Language, compact = false): string {
  if (value.min === value.max) return formatMoney(value.min, value.currency, language, compact);
  const format = new Intl.NumberFormat(language, {
    style: 'currency',
    currency: value.currency,
    currencyDisplay: 'code',
    ...(compact ? { notation: 'compact', maximumSignificantDigits: 3 } : { maximumFractionDigits: 0 }),
  });
  return format.formatRange(value.min, value.max);
}

/** A currency's name in the reader's language ("US dollar", "دولار أمريكي"), its code when the browser has none. */
export function useCurrencyName(): (code: string) => string {
  const format = useFormatters();
  return useMemo(() => {
    const names = new Intl.DisplayNames(format.language, { type: 'currency', fallback: 'code' });
    return (code: string) => names.of(code) ?? code;
  }, [format.language]);
}

export function useMoney() {
  const format = useFormatters();
  return useMemo(
    () => ({
      range: (value: Pick<ValueRange, 'min' | 'max' | 'currency'>, compact = false) => formatRange(value, format.language, compact),
      amount: (amount: number, currency: string, compact = false) => formatMoney(amount, currency, format.language, compact),
    }),
    [format.language],
  );
}
