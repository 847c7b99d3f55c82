import type { Evidence, IncidentReportPayload } from '@fusion-cell/protocol';
import { checkEvidence, deriveEvidence } from '../../attachments/attachment-store.ts';
import { DomainError } from '../../errors.ts';
import { payloadOf } from '../../documents/document-store.ts';
import { defineServerItemType, type Executor } from '../server-item-type.ts';
import { checkPlace, derivePlace } from './place-rules.ts';

/**
 * An incident's place must be valid, its evidence uploaded with the size and type it claims,
 * and the party it names responsible one that reads the compartment it is reported in.
 */
export const incidentReportModule = defineServerItemType({
  type: 'incident.report',
  ownedTables: { geo_features: ['item_id'], item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope) {
    checkPlace(envelope.payload, 'place');
    const payload = envelope.payload as unknown as IncidentReportPayload;
    if (payload.allegedParty !== undefined && !(services.record.cell.audiences.get(envelope.compartment) ?? []).includes(payload.allegedParty)) {
      throw new DomainError('validation_failed', `no party "${payload.allegedParty}" reads this compartment`, 'envelope.payload.allegedParty');
    }
    if ((payload.article !== undefined || payload.allegedParty !== undefined) && !payload.violation) {
      throw new DomainError('validation_failed', 'an article breached or a party responsible is given only when the incident alleges a violation', 'envelope.payload.violation');
    }
    await checkEvidence(services.db, actor, payload.evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry, authorParty) {
    const payload = entry.signed.envelope.payload as unknown as IncidentReportPayload;
    const at = Date.parse(payload.occurredAt);
    await derivePlace(trx, entry, authorParty, { startsAt: at, endsAt: at });
    await deriveEvidence(trx, entry);
  },
});

/** A position or verdict is entered only on an entry of the register: an incident alleging a violation. */
async function checkRegisterEntry(db: Executor, target: { id: string } | undefined): Promise<void> {
  if (!target) return;
  const payload = await payloadOf(db, target.id);
  if (payload?.['violation'] !== true) throw new DomainError('validation_failed', 'this incident alleges no violation, so it is not in the register', 'envelope.references[0]');
}

const evidenceOf = (payload: Record<string, unknown>) => payload['evidence'] as Evidence[] | undefined;

/** A side's position or a supervisor's verdict: on an entry of the register, its evidence uploaded. */
function registerAnswerModule<Name extends 'violation.position' | 'violation.verdict'>(type: Name) {
  return defineServerItemType({
    type,
    ownedTables: { item_evidence: ['item_id', 'sha256'] },
    async check(services, actor, envelope, target) {
      await checkRegisterEntry(services.db, target);
      await checkEvidence(services.db, actor, evidenceOf(envelope.payload), 'envelope.payload.evidence');
    },
    derive: (trx, entry) => deriveEvidence(trx, entry),
  });
}

export const violationPositionModule = registerAnswerModule('violation.position');
export const violationVerdictModule = registerAnswerModule('violation.verdict');
