import { z } from 'zod';

/**
 * The Admiralty (NATO) code: how reliable the source has been (A to F) and how credible this
 * information is (1 to 6), graded apart so that a good source's doubtful report reads as such.
 */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const Reliability = z.enum(RELIABILITY_GRADES, { error: 'must be a source reliability grade from A to F' });
export type Reliability = z.infer<typeof Reliability>;

export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export const Credibility = z
  .number({ error: 'must be an information credibility grade from 1 to 6' })
  .int('must be an information credibility grade from 1 to 6')
  .min(1, 'must be an information credibility grade from 1 to 6')
  .max(6, 'must be an information credibility grade from 1 to 6');
export type Credibility = z.infer<typeof Credibility>;

/** The two grades as analysts write them together: `B2`. */
export function admiraltyGrade(reliability: Reliability, credibility: number): string {
  return `${reliability}${credibility}`;
}
