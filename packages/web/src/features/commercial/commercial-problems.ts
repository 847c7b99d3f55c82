import { useTranslation } from 'react-i18next';
import type { LocalSubmitProblem } from '../forms/sign-and-submit.ts';

/** What the commercial forms find wrong before signing, each with its words under `commercial.problems`. */
export type CommercialProblem = 'valueNumber' | 'valueOrder' | 'location';

export function useCommercialProblemText(): (problem: CommercialProblem | LocalSubmitProblem) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem) {
      case 'valueNumber':
      case 'valueOrder':
      case 'location':
        return t(`commercial.problems.${problem}`);
      default:
        return t(`forms.problems.${problem}`);
    }
  };
}

const ARABIC_INDIC = /[\u0660-\u0669]/g;
const EXTENDED_ARABIC_INDIC = /[\u06f0-\u06f9]/g;

/**
 * A whole amount as a member types it, in Western or Arabic-Indic digits, grouped with spaces,
 * commas or the Arabic thousands separator; undefined for anything else (a decimal part, a
 * sign, a letter), which the form then names.
 */
export function parseAmount(text: string): number | undefined {
  const digits = text
    .replace(ARABIC_INDIC, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(EXTENDED_ARABIC_INDIC, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\s,\u066c\u202f_']/g, '');
  if (!/^\d{1,16}$/.test(digits)) return undefined;
  return Number(digits);
}
