import { createHash } from 'node:crypto';
import { buildStixBundle, readPayload, type ExportedOpinion, type ExportedReport, type IntelOpinionPayload, type IntelReportPayload, type StixBundle, type StixExportQuery } from '@fusion-cell/protocol';
import type { CellServices } from '../cell-services.ts';
import { listParties } from '../cell/cell-repository.ts';
import { authorize, decide } from '../policy/policy.ts';
import type { Actor } from '../policy/actor.ts';
import { parseLeaf } from '../record/applied-entry.ts';

const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash('sha1').update(bytes).digest());

/**
 * The reports the member may see, with the opinions on them, as a STIX 2.1 bundle: those of one
 * compartment, or of every compartment it reads. Only compartments whose audience includes the
 * member's party are read, so a RED report, which never leaves its compartment's readers, is
 * exported only to them; the bundle carries its marking for whoever they hand it to.
 */
export async function exportStixBundle(services: CellServices, actor: Actor, query: StixExportQuery): Promise<StixBundle> {
  if (query.compartment !== undefined) authorize(actor, { type: 'stix.export', compartment: query.compartment }, 'compartment');
  const compartments = query.compartment !== undefined ? [query.compartment] : [...actor.compartments].filter((compartment) => decide(actor, { type: 'stix.export', compartment }).allowed);
  const rows = compartments.length
    ? await services.db
        .selectFrom('items')
        .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
        .innerJoin('members', 'members.id', 'items.author_id')
        .select(['items.id', 'items.type', 'items.compartment_id', 'members.party_id', 'log_entries.leaf'])
        .where('items.type', 'in', ['intel.report', 'intel.opinion'])
        .where('items.compartment_id', 'in', compartments)
        .orderBy('items.received_at')
        .orderBy('items.id')
        .execute()
    : [];
  const reports: ExportedReport[] = [];
  const opinions: ExportedOpinion[] = [];
  for (const row of rows) {
    const { envelope } = parseLeaf(row.leaf);
    const reading = readPayload(row.type, envelope.payload);
    if (!reading.ok) continue;
    const common = { itemId: row.id, authorParty: row.party_id, authoredAt: envelope.authoredAt };
    if (row.type === 'intel.report') reports.push({ ...common, compartment: row.compartment_id, payload: reading.payload as IntelReportPayload });
    const subject = envelope.references[0];
    if (row.type === 'intel.opinion' && subject) opinions.push({ ...common, reportItemId: subject, payload: reading.payload as IntelOpinionPayload });
  }
  const parties = (await listParties(services.db)).map((party) => ({ id: party.id, name: party.name.en }));
  return buildStixBundle({ cellId: services.record.cell.cellId, parties, reports, opinions, sha1 });
}
