import { useTranslation } from 'react-i18next';

/** What the meetings, minutes and commitments forms find wrong before signing, each with its words under `meetings.problems`. */
export type MeetingsProblem = 'endBeforeStart' | 'time' | 'noParty';

/** The words of a form's problem: its own, or the ones every form shares. */
export function useMeetingsProblemText(): (problem: string) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem) {
      case 'endBeforeStart':
      case 'time':
      case 'noParty':
        return t(`meetings.problems.${problem}`);
      default:
        return t(`forms.problems.${problem as 'signing' | 'too_long' | 'receipt_mismatch'}`);
    }
  };
}
