import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import type { Draft } from '../forms/item-form.tsx';
import type { EvidenceUploads } from '../deescalation/evidence-field.tsx';

/** What the dispute forms find wrong before signing, each with its words under `disputes.problems`. */
export type DisputeProblem = 'noRespondent' | 'uploading' | 'uploadFailed' | 'noStage';

/** The words of a dispute form's problem: its own, or the ones every form shares. */
export function useDisputeProblemText(): (problem: string) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem) {
      case 'noRespondent':
      case 'uploading':
      case 'uploadFailed':
      case 'noStage':
        return t(`disputes.problems.${problem}`);
      default:
        return t(`forms.problems.${problem as 'signing' | 'too_long' | 'receipt_mismatch'}`);
    }
  };
}

/**
 * A payload with the evidence uploaded so far, or the problem that holds it back: a file still
 * on its way, or one the cell refused (removed or tried again first).
 */
export function withEvidence(payload: JsonObject, uploads: EvidenceUploads): Draft<DisputeProblem> {
  if (uploads.pending) return { problem: 'uploading', field: 'evidence' };
  if (uploads.failed) return { problem: 'uploadFailed', field: 'evidence' };
  return { payload: uploads.evidence.length > 0 ? { ...payload, evidence: uploads.evidence as unknown as JsonObject[] } : payload };
}
