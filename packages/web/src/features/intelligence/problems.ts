import { useTranslation } from 'react-i18next';

/** The problems the intelligence forms find before signing, each with its words under `intelligence.forms.problems`. */
export type IntelligenceProblem = 'tlpPlenary' | 'location' | 'uploading' | 'uploadFailed' | 'replyDuePast';

export function useIntelligenceProblemText(): (problem: string) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem) {
      case 'tlpPlenary':
      case 'location':
      case 'uploading':
      case 'uploadFailed':
      case 'replyDuePast':
        return t(`intelligence.forms.problems.${problem}`);
      default:
        return t(`forms.problems.${problem as 'signing' | 'too_long' | 'receipt_mismatch'}`);
    }
  };
}
