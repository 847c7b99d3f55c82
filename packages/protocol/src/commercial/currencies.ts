import currencyCodes from 'currency-codes';
import { z } from 'zod';

/**
 * Codes ISO 4217 reserves for no currency at all (`XXX`) and for tests (`XTS`): a value is never
 * stated in them.
 */
const NOT_A_CURRENCY: ReadonlySet<string> = new Set(['XXX', 'XTS']);

/**
 * The currencies a value may be stated in: the active codes of ISO 4217 (list one), from a
 * pinned copy of the standard's list, so a payload is judged the same by every server, browser
 * and verifier, whatever their own internationalisation data holds.
 */
export const CURRENCY_CODES: readonly string[] = currencyCodes
  .codes()
  .filter((code) => !NOT_A_CURRENCY.has(code))
  .sort();

const KNOWN: ReadonlySet<string> = new Set(CURRENCY_CODES);

/** The date of the ISO 4217 list the codes come from. */
export const CURRENCY_LIST_DATE: string = currencyCodes.publishDate;

export function isCurrencyCode(code: string): boolean {
  return KNOWN.has(code);
}

/** How many digits the currency's minor unit has (2 for USD, 0 for JPY); 2 when the standard says none. */
export function currencyDigits(code: string): number {
  return currencyCodes.code(code)?.digits ?? 2;
}

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, such as USD')
  .superRefine((code, context) => {
    if (/^[A-Z]{3}$/.test(code) && !KNOWN.has(code)) context.addIssue({ code: 'custom', message: `${code} is not an ISO 4217 currency code` });
  })
  .describe('ISO 4217 alphabetic code');
