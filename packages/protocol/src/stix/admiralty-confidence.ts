import type { Credibility } from '../intelligence/admiralty.ts';

/**
 * STIX 2.1 confidence (0 to 100) and the Admiralty credibility grade, by the specification's own
 * table (Appendix B, "Admiralty Credibility"): grade 6, "truth cannot be judged", has no
 * confidence value; the others sit in the middle of their band.
 */
const CONFIDENCE_OF_GRADE: Readonly<Record<number, number | undefined>> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: undefined };

export function confidenceOfCredibility(credibility: Credibility): number | undefined {
  return CONFIDENCE_OF_GRADE[credibility];
}

/** The grade of a confidence value: 80-100 is 1, 60-79 is 2, 40-59 is 3, 20-39 is 4, 0-19 is 5. */
export function credibilityOfConfidence(confidence: number): Credibility {
  if (confidence >= 80) return 1;
  if (confidence >= 60) return 2;
  if (confidence >= 40) return 3;
  if (confidence >= 20) return 4;
  return 5;
}
