import type { IncidentReportPayload, ViolationPositionPayload, ViolationVerdictPayload } from '../items/types/deescalation/incident.ts';

/**
 * The statuses of a violation register entry. Each party holds one: the reporting party
 * `alleged`; a side its position; a supervisor its verdict. The entry's overall status is the
 * supervisor's verdict when there is one (`remedied` once verified and then remedied), else the
 * alleged party's position, else `alleged`: one agreed count instead of one per side.
 */
export const REGISTER_STATUSES = ['alleged', 'acknowledged', 'contested', 'verified', 'not-verified', 'remedied'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** An item of the record as the register reads it. */
export interface RegisterItem<Payload> {
  id: string;
  compartment: string;
  authorParty: string;
  receivedAt: number;
  payload: Payload;
}

export interface RegisterAnswer {
  id: string;
  type: 'violation.position' | 'violation.verdict';
  subject: string;
  authorParty: string;
  receivedAt: number;
  payload: ViolationPositionPayload | ViolationVerdictPayload;
}

export interface PartyStatus {
  status: RegisterStatus;
  at: number;
  item: string;
  /** A contest's reason or a verdict's findings. */
  text?: string;
}

export interface RegisterEntry {
  incident: string;
  compartment: string;
  reportedBy: string;
  reportedAt: number;
  occurredAt: number;
  what: string;
  language: string;
  article?: string;
  allegedParty?: string;
  /** Each party's current status on the entry, by party id; the reporting party's is `alleged`. */
  parties: Record<string, PartyStatus>;
  status: RegisterStatus;
}

/**
 * The register from the incidents alleging a violation and the positions and verdicts on them,
 * as server, apps and anyone replaying a bundle compute it. A party's later statement replaces
 * its earlier one.
 */
export function violationRegister(incidents: ReadonlyArray<RegisterItem<IncidentReportPayload>>, answers: readonly RegisterAnswer[], supervisors: ReadonlySet<string>): RegisterEntry[] {
  const bySubject = new Map<string, RegisterAnswer[]>();
  for (const answer of answers) bySubject.set(answer.subject, [...(bySubject.get(answer.subject) ?? []), answer]);
  return incidents
    .filter((incident) => incident.payload.violation)
    .map((incident) => {
      const parties: Record<string, PartyStatus> = Object.create(null) as Record<string, PartyStatus>;
      parties[incident.authorParty] = { status: 'alleged', at: incident.receivedAt, item: incident.id };
      const ordered = [...(bySubject.get(incident.id) ?? [])].sort((a, b) => a.receivedAt - b.receivedAt);
      for (const answer of ordered) {
        if (answer.type === 'violation.verdict' && !supervisors.has(answer.authorParty)) continue;
        const payload = answer.payload;
        const status: RegisterStatus = 'verdict' in payload ? payload.verdict : payload.status;
        const text = 'verdict' in payload ? payload.findings : payload.reason;
        parties[answer.authorParty] = { status, at: answer.receivedAt, item: answer.id, ...(text !== undefined ? { text } : {}) };
      }
      const { payload } = incident;
      return {
        incident: incident.id,
        compartment: incident.compartment,
        reportedBy: incident.authorParty,
        reportedAt: incident.receivedAt,
        occurredAt: Date.parse(payload.occurredAt),
        what: payload.what,
        language: payload.language,
        ...(payload.article !== undefined ? { article: payload.article } : {}),
        ...(payload.allegedParty !== undefined ? { allegedParty: payload.allegedParty } : {}),
        parties,
        status: overallStatus(parties, payload.allegedParty, supervisors),
      };
    })
    .sort((a, b) => a.occurredAt - b.occurredAt || a.incident.localeCompare(b.incident));
}

function overallStatus(parties: Record<string, PartyStatus>, allegedParty: string | undefined, supervisors: ReadonlySet<string>): RegisterStatus {
  const verdicts = Object.entries(parties)
    .filter(([party]) => supervisors.has(party))
    .map(([, status]) => status)
    .filter((status) => status.status === 'verified' || status.status === 'not-verified')
    .sort((a, b) => b.at - a.at);
  const alleged = allegedParty !== undefined ? parties[allegedParty] : undefined;
  const verdict = verdicts[0];
  if (verdict) return verdict.status === 'verified' && alleged?.status === 'remedied' && alleged.at > verdict.at ? 'remedied' : verdict.status;
  if (alleged && alleged.status !== 'alleged') return alleged.status;
  return 'alleged';
}

/** One cell of the register's counts: entries of a status, by the party alleged responsible, in one period. */
export interface RegisterCount {
  period: string;
  party: string;
  status: RegisterStatus;
  count: number;
}

/** Counts by month of occurrence (`2026-11`), alleged party (`unattributed` when none) and overall status. */
export function registerCounts(entries: readonly RegisterEntry[]): RegisterCount[] {
  const counts = new Map<string, RegisterCount>();
  for (const entry of entries) {
    const period = new Date(entry.occurredAt).toISOString().slice(0, 7);
    const party = entry.allegedParty ?? 'unattributed';
    const key = `${period}\u0000${party}\u0000${entry.status}`;
    const count = counts.get(key) ?? { period, party, status: entry.status, count: 0 };
    count.count += 1;
    counts.set(key, count);
  }
  return [...counts.values()].sort((a, b) => a.period.localeCompare(b.period) || a.party.localeCompare(b.party) || REGISTER_STATUSES.indexOf(a.status) - REGISTER_STATUSES.indexOf(b.status));
}

/** The register as CSV (RFC 4180), one row per entry and one column per party's status. */
export function registerCsv(entries: readonly RegisterEntry[], parties: readonly string[]): string {
  const header = ['incident', 'occurred_at', 'reported_at', 'reported_by', 'alleged_party', 'article', 'status', ...parties.map((party) => `status_${party}`), 'what'];
  const rows = entries.map((entry) => [
    entry.incident,
    new Date(entry.occurredAt).toISOString(),
    new Date(entry.reportedAt).toISOString(),
    entry.reportedBy,
    entry.allegedParty ?? '',
    entry.article ?? '',
    entry.status,
    ...parties.map((party) => entry.parties[party]?.status ?? ''),
    entry.what,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a field when needed, and defuses a leading formula character so a spreadsheet shows it as text. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
