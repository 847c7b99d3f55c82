import { currentOpinions, readPayload, RELIABILITY_GRADES, TLP_LEVELS, type IntelOpinionPayload, type IntelReportPayload, type OpinionValue, type Reliability, type Tlp } from '@fusion-cell/protocol';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { answersOfType, authorPartyOf, type ItemGraph } from '../items/item-graph.ts';
import { localDayStart } from '../register/register-query.ts';

/** A report as the list shows it: where it is, whose it is, what it says and what the other parties think of it. */
export interface ReportRow {
  id: string;
  compartment: string;
  party: string | undefined;
  receivedAt: string;
  payload: IntelReportPayload;
  opinions: Array<{ party: string; opinion: OpinionValue; earlier: number }>;
}

type Readable = SyncedItem & { signed: NonNullable<SyncedItem['signed']> };
const usable = (item: SyncedItem | undefined): item is Readable => item?.signed != null && verdictOf(item.verification) !== 'failed';

function payloadOf<Payload>(item: Readable): Payload | undefined {
  const reading = readPayload(item.signed.envelope.type, item.signed.envelope.payload);
  return reading.ok ? (reading.payload as Payload) : undefined;
}

/** Each party's current opinion of a report, from the opinions verified here: the latest stands, the earlier are counted. */
export function opinionsOf(reportId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): ReportRow['opinions'] {
  const entries = answersOfType(reportId, graph, 'intel.opinion').flatMap((item) => {
    if (!usable(item)) return [];
    const payload = payloadOf<IntelOpinionPayload>(item);
    const party = authorPartyOf(item, members);
    return payload && party ? [{ item: item.id, party, opinion: payload.opinion, index: item.index }] : [];
  });
  return currentOpinions(entries).map(({ current, history }) => ({ party: current.party, opinion: current.opinion, earlier: history.length }));
}

/** Every report of the record verified here, the latest information first. */
export function reportRows(graph: ItemGraph, members: ReadonlyMap<string, MemberView>): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const item of graph.byId.values()) {
    if (!usable(item) || item.signed.envelope.type !== 'intel.report') continue;
    const payload = payloadOf<IntelReportPayload>(item);
    if (!payload) continue;
    rows.push({ id: item.id, compartment: item.compartment, party: authorPartyOf(item, members), receivedAt: item.receivedAt, payload, opinions: opinionsOf(item.id, graph, members) });
  }
  return rows.sort((a, b) => Date.parse(b.payload.informationTime) - Date.parse(a.payload.informationTime) || b.receivedAt.localeCompare(a.receivedAt));
}

/** The list's filters as the page's address holds them; dates as the date inputs give them, `YYYY-MM-DD`. */
export interface ReportFilters {
  tlp?: Tlp;
  reliability?: Reliability;
  /** The least credible grade shown: 3 shows 1, 2 and 3. */
  credibility?: number;
  party?: string;
  from?: string;
  to?: string;
}

export const REPORT_FILTER_PARAMS = ['tlp', 'reliability', 'credibility', 'party', 'from', 'to'] as const;
const PARTY = /^[a-z][a-z0-9-]{0,39}$/;

/** The filters an address asks for; what is not a valid value is dropped. */
export function reportFiltersFrom(search: URLSearchParams): ReportFilters {
  const tlp = search.get('tlp');
  const reliability = search.get('reliability');
  const credibility = Number(search.get('credibility'));
  const party = search.get('party');
  const from = search.get('from');
  const to = search.get('to');
  return {
    ...((TLP_LEVELS as readonly (string | null)[]).includes(tlp) ? { tlp: tlp as Tlp } : {}),
    ...((RELIABILITY_GRADES as readonly (string | null)[]).includes(reliability) ? { reliability: reliability as Reliability } : {}),
    ...(Number.isInteger(credibility) && credibility >= 1 && credibility <= 6 ? { credibility } : {}),
    ...(party !== null && PARTY.test(party) ? { party } : {}),
    ...(from !== null && localDayStart(from) !== undefined ? { from } : {}),
    ...(to !== null && localDayStart(to) !== undefined ? { to } : {}),
  };
}

/**
 * Whether a report passes the filters: its marking and source grade exactly, its credibility at
 * least as good as asked (a lower number is better), its party, and the time of its information
 * within the days chosen, in the reader's time zone, both days included.
 */
export function reportMatches(row: ReportRow, filters: ReportFilters): boolean {
  if (filters.tlp !== undefined && row.payload.tlp !== filters.tlp) return false;
  if (filters.reliability !== undefined && row.payload.reliability !== filters.reliability) return false;
  if (filters.credibility !== undefined && row.payload.credibility > filters.credibility) return false;
  if (filters.party !== undefined && row.party !== filters.party) return false;
  const at = Date.parse(row.payload.informationTime);
  const from = filters.from === undefined ? undefined : localDayStart(filters.from);
  const to = filters.to === undefined ? undefined : localDayStart(filters.to);
  if (from !== undefined && at < from) return false;
  // Before the next day began, found from the date so that a day of 23 or 25 hours counts whole.
  if (to !== undefined) {
    const day = new Date(to);
    if (at >= new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime()) return false;
  }
  return true;
}
