import {
  IncidentReportPayload,
  registerCounts,
  registerCsv,
  violationRegister,
  ViolationPositionPayload,
  ViolationVerdictPayload,
  type RegisterAnswer,
  type RegisterEntry,
  type RegisterItem,
  type RegisterQuery,
  type RegisterView,
} from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import type { CellServices } from '../cell-services.ts';
import { authorize, decide } from '../policy/policy.ts';
import type { Actor } from '../policy/actor.ts';
import { parseLeaf } from '../record/applied-entry.ts';

const REGISTER_TYPES = ['incident.report', 'violation.position', 'violation.verdict'] as const;

/**
 * The violation register over the compartments the member reads, computed by the protocol's
 * rules from the incidents and the positions and verdicts on them: nothing of a compartment the
 * member is not in enters it, not even as a count.
 */
export async function readRegister(services: CellServices, actor: Actor, query: RegisterQuery): Promise<{ entries: RegisterEntry[]; parties: string[] }> {
  authorize(actor, { type: 'register.read' });
  const compartments = [...actor.compartments].filter((compartment) => decide(actor, { type: 'compartment.read', compartment }).allowed);
  const rows = compartments.length
    ? await services.db
        .selectFrom('items')
        .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
        .innerJoin('members', 'members.id', 'items.author_id')
        .select(['items.id', 'items.type', 'items.compartment_id', 'items.received_at', 'members.party_id', 'log_entries.leaf'])
        .where('items.type', 'in', [...REGISTER_TYPES])
        .where('items.compartment_id', 'in', compartments)
        .orderBy('items.received_at')
        .execute()
    : [];
  const incidents: Array<RegisterItem<IncidentReportPayload>> = [];
  const answers: RegisterAnswer[] = [];
  for (const row of rows) {
    const { envelope } = parseLeaf(row.leaf);
    const base = { id: row.id, authorParty: row.party_id, receivedAt: Number(row.received_at) };
    if (row.type === 'incident.report') {
      const payload = IncidentReportPayload.safeParse(envelope.payload);
      if (payload.success) incidents.push({ ...base, compartment: row.compartment_id, payload: payload.data });
      continue;
    }
    const subject = envelope.references[0];
    const schema = row.type === 'violation.verdict' ? ViolationVerdictPayload : ViolationPositionPayload;
    const payload = schema.safeParse(envelope.payload);
    if (subject && payload.success) answers.push({ ...base, type: row.type as RegisterAnswer['type'], subject, payload: payload.data });
  }
  const supervisors = new Set([...services.record.cell.partyKinds].filter(([, kind]) => kind === 'supervisor').map(([party]) => party));
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const entries = violationRegister(incidents, answers, supervisors).filter(
    (entry) =>
      entry.occurredAt >= from && entry.occurredAt < to && (query.party === undefined || entry.allegedParty === query.party) && (query.status === undefined || entry.status === query.status),
  );
  const parties = [...services.record.cell.partyKinds].filter(([, kind]) => kind !== 'observer').map(([party]) => party);
  return { entries, parties };
}

export function registerView(register: { entries: RegisterEntry[]; parties: string[] }): RegisterView {
  return {
    entries: register.entries.map((entry) => ({
      ...entry,
      reportedAt: toIso(entry.reportedAt),
      occurredAt: toIso(entry.occurredAt),
      parties: Object.fromEntries(Object.entries(entry.parties).map(([party, status]) => [party, { ...status, at: toIso(status.at) }])),
    })),
    counts: registerCounts(register.entries),
    parties: register.parties,
  };
}

export function registerAsCsv(register: { entries: RegisterEntry[]; parties: string[] }): string {
  return registerCsv(register.entries, register.parties);
}
