import { INTELLIGENCE_ROLES } from '@fusion-cell/protocol';
import { compartmentProbes, type Caller } from './authorization-cell.ts';
import { forbidden, notFound, ok, type CaseSpec } from './authorization-case.ts';
import { relationWords } from './compartment-cases.ts';

/** A STIX 2.1 bundle with nothing in it: valid, and it would import nothing. */
const EMPTY_BUNDLE = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [] };

/**
 * Checking a bundle for import into each compartment: those who may enter reports there get the
 * summary, other members of the compartment are refused, and a compartment the party is not in
 * answers as one that does not exist.
 */
export function stixValidateCases(caller: Caller): CaseSpec[] {
  return compartmentProbes(caller).map((probe): CaseSpec => {
    const base = { id: probe.id, what: `checking a bundle for ${relationWords(probe)}`, path: '/api/v1/stix/validate', body: { compartment: probe.id, bundle: EMPTY_BUNDLE } };
    if (probe.relation === 'in') return { ...base, expected: INTELLIGENCE_ROLES.includes(caller.role) ? ok : forbidden };
    return { ...base, expected: notFound, ...(probe.missingTwin ? { sameAs: probe.missingTwin } : {}) };
  });
}
