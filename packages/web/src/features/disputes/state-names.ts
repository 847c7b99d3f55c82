import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { disputeIsOpen, type DisputeState } from '@fusion-cell/protocol';

/** A stage's or an outcome's name in the reader's language. */
export function useStateName(): (state: DisputeState) => string {
  const { t } = useTranslation();
  return useCallback((state: DisputeState) => (disputeIsOpen(state) ? t(`disputes.stages.${state}`) : t(`disputes.outcomes.${state}`)), [t]);
}
