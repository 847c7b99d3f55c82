import { formatFieldPath, keptStixObjectsProblem, tlpRefusal, type IntelReportPayload } from '@fusion-cell/protocol';
import { checkArea } from '@fusion-cell/protocol/geo-validity';
import { checkEvidence, deriveEvidence } from '../../attachments/attachment-store.ts';
import { DomainError } from '../../errors.ts';
import { defineServerItemType } from '../server-item-type.ts';
import { derivePlace } from '../deescalation/place-rules.ts';
import { opinionsOn } from './opinion.ts';

/**
 * A report is filed only where its marking allows (SPEC R43: AMBER+STRICT never in the plenary),
 * with a valid location and its evidence uploaded with the size and type it claims. Its location
 * is indexed for the map of those who read its compartment; its files are served to them alone.
 */
export const intelReportModule = defineServerItemType({
  type: 'intel.report',
  ownedTables: { geo_features: ['item_id'], item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as IntelReportPayload;
    const kind = services.record.cell.compartmentKinds.get(envelope.compartment);
    const refusal = kind === undefined ? undefined : tlpRefusal(payload.tlp, kind);
    if (refusal !== undefined) throw new DomainError('validation_failed', refusal, 'envelope.payload.tlp');
    if (payload.location !== undefined) {
      const verdict = checkArea(payload.location, { allowPoint: true });
      if (!verdict.valid) throw new DomainError('validation_failed', `location: ${verdict.defect.message}`, formatFieldPath(['envelope', 'payload', 'location', ...verdict.defect.path]));
    }
    // The payload's schema takes the kept STIX objects as given; the STIX rules check them here, one by one to name which.
    for (const [index, object] of (payload.stix ?? []).entries()) {
      const problem = keptStixObjectsProblem([object]);
      if (problem === undefined) continue;
      const path = ['envelope', 'payload', 'stix', index, ...(problem.property === undefined ? [] : [problem.property])];
      throw new DomainError('validation_failed', `${problem.objectId ?? `stix[${index}]`}: ${problem.message}`, formatFieldPath(path));
    }
    await checkEvidence(services.db, actor, payload.evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry, authorParty) {
    const payload = entry.signed.envelope.payload as unknown as IntelReportPayload;
    const at = Date.parse(payload.informationTime);
    await derivePlace(trx, entry, authorParty, { startsAt: at, endsAt: at });
    await deriveEvidence(trx, entry);
  },
  /** Each party's current opinion of the report, with the ones it replaced (history kept). */
  async describe(db, item) {
    return { opinions: await opinionsOn(db, item.id) };
  },
});
