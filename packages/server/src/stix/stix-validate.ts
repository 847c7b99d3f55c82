import { describeStixProblem, planStixImport, validateStixBundle, type StixImportSummary, type StixProblem, type StixValidateRequest } from '@fusion-cell/protocol';
import type { CellServices } from '../cell-services.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policy/policy.ts';
import type { Actor } from '../policy/actor.ts';

/**
 * What importing a bundle into a compartment would do, checked by the same protocol code the
 * web app and the command line run before they sign anything: the reports it would enter, and
 * what it would keep and skip, by type. A bundle that breaks a rule of STIX 2.1, or a marking
 * the compartment may not hold, is refused with the object and property at fault. Nothing is
 * entered here: the member's own device signs each report.
 */
export function validateStixImport(services: CellServices, actor: Actor, request: StixValidateRequest): StixImportSummary {
  authorize(actor, { type: 'stix.import', compartment: request.compartment }, 'compartment');
  const reading = validateStixBundle(request.bundle);
  if (!reading.ok) throw refusal(reading.problems, request.bundle);
  const plan = planStixImport(reading.bundle, {
    unmarkedTlp: request.unmarkedTlp,
    fallbackLanguage: request.fallbackLanguage,
    compartmentKind: services.record.cell.compartmentKinds.get(request.compartment),
  });
  if (!plan.ok) throw refusal(plan.problems, request.bundle);
  return plan.summary;
}

/**
 * The first problem names the field, by the object's place in the bundle as sent
 * (`bundle.objects[3].created`); the message names the object by id and says how many more
 * problems there are.
 */
function refusal(problems: StixProblem[], bundle: Record<string, unknown>): DomainError {
  const [first] = problems as [StixProblem, ...StixProblem[]];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const objects = Array.isArray(bundle['objects']) ? (bundle['objects'] as unknown[]) : [];
  const index = first.index ?? (first.objectId !== undefined ? objects.findIndex((object) => (object as Record<string, unknown> | null)?.['id'] === first.objectId) : -1);
  const where = index >= 0 ? `objects[${index}]` : undefined;
  const property = first.property === undefined ? undefined : first.property.startsWith('[') ? first.property : `.${first.property}`;
  const field = `bundle${where ? `.${where}` : ''}${property ?? ''}`;
  return new DomainError('validation_failed', `${describeStixProblem(first)}${more}`, field);
}
