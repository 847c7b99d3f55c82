import type { PartyKind } from '../common.ts';
import { checkTransition } from '../items/lifecycle.ts';
import { readPayload } from '../items/read-payload.ts';
import type { InterestPayload } from '../items/types/commercial/interest.ts';
import { OPPORTUNITY_LIFECYCLE, PIPELINE_STATUSES, type OpportunityMovePayload, type OpportunityPayload, type PipelineStatus, type Sector } from '../items/types/commercial/opportunity.ts';

/** The item types the pipeline is computed from. */
export const PIPELINE_TYPES = ['opportunity', 'opportunity.move', 'interest'] as const;

/** An item of the record as the pipeline reads it: its payload as signed, read here at its type's current version. */
export interface PipelineRecordItem {
  id: string;
  type: string;
  compartment: string;
  /** Its position in its compartment's log: what orders items received in the same millisecond. */
  index: number;
  authorParty: string;
  receivedAt: number;
  references: readonly string[];
  payload: Record<string, unknown>;
}

/** One move of an opportunity, as the record holds it: an interest that moved it, or its party's move. */
export interface PipelineMove {
  item: string;
  type: 'interest' | 'opportunity.move';
  status: PipelineStatus;
  party: string;
  at: number;
  note?: string;
  language?: string;
}

export interface PipelineInterest {
  item: string;
  party: string;
  at: number;
  note: string;
  language: string;
}

export interface PipelineEntry {
  opportunity: string;
  compartment: string;
  proposedBy: string;
  proposedAt: number;
  payload: OpportunityPayload;
  status: PipelineStatus;
  /** When it reached its status: its proposal, or the move that brought it there. */
  since: number;
  moves: PipelineMove[];
  interests: PipelineInterest[];
}

const inLogOrder = (a: PipelineRecordItem, b: PipelineRecordItem) => a.receivedAt - b.receivedAt || a.index - b.index;

/**
 * Every opportunity with where its pipeline stands, as server, apps and anyone replaying a
 * bundle compute it: the lifecycle replayed over its moves and the interests in it, in log
 * order, keeping only the moves the lifecycle allows from where it then stood and by whom it
 * allows them (the cell refused the others; a record that holds one anyway does not move).
 */
export function opportunityPipeline(items: readonly PipelineRecordItem[]): PipelineEntry[] {
  const entries = new Map<string, PipelineEntry>();
  const ordered = [...items].sort(inLogOrder);
  for (const item of ordered) {
    if (item.type !== 'opportunity') continue;
    const read = readPayload('opportunity', item.payload);
    if (!read.ok) continue;
    entries.set(item.id, {
      opportunity: item.id,
      compartment: item.compartment,
      proposedBy: item.authorParty,
      proposedAt: item.receivedAt,
      payload: read.payload as OpportunityPayload,
      status: OPPORTUNITY_LIFECYCLE.initial as PipelineStatus,
      since: item.receivedAt,
      moves: [],
      interests: [],
    });
  }
  for (const item of ordered) {
    if (item.type !== 'interest' && item.type !== 'opportunity.move') continue;
    const entry = entries.get(item.references[0] ?? '');
    if (!entry || entry.compartment !== item.compartment) continue;
    const read = readPayload(item.type, item.payload);
    if (!read.ok) continue;
    // No transition of this lifecycle asks for a role or a kind of party: only whose party moves it.
    const mover = { roles: [], partyKind: 'side' as PartyKind, isSubjectAuthor: item.authorParty === entry.proposedBy };
    const check = checkTransition(OPPORTUNITY_LIFECYCLE, entry.status, item.type, mover, read.payload);
    if (!check.allowed) continue;
    const payload = read.payload as InterestPayload | OpportunityMovePayload;
    if (item.type === 'interest') {
      const interest = payload as InterestPayload;
      entry.interests.push({ item: item.id, party: item.authorParty, at: item.receivedAt, note: interest.note, language: interest.language });
    }
    const status = check.to as PipelineStatus;
    if (status === entry.status) continue;
    const note = item.type === 'interest' ? (payload as InterestPayload).note : (payload as OpportunityMovePayload).note;
    const language = payload.language;
    entry.moves.push({ item: item.id, type: item.type, status, party: item.authorParty, at: item.receivedAt, ...(note !== undefined ? { note } : {}), ...(language !== undefined ? { language } : {}) });
    entry.status = status;
    entry.since = item.receivedAt;
  }
  return [...entries.values()].sort((a, b) => b.proposedAt - a.proposedAt || a.opportunity.localeCompare(b.opportunity));
}

/** The board's filters: a sector, the proposing party, a status, and words to find. */
export interface PipelineFilters {
  sector?: Sector;
  party?: string;
  status?: PipelineStatus;
  text?: string;
}

/**
 * Text as searched: compatibility forms folded, accents, Arabic short vowels and Hebrew points
 * dropped, lower case; so `Energie` finds `énergie` and a word with its vowels marked finds it
 * written without.
 */
export function searchableText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether every word of the query is in the opportunity's title, description or what it seeks. */
export function matchesText(entry: PipelineEntry, query: string): boolean {
  const words = searchableText(query).split(' ').filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = searchableText([entry.payload.title, entry.payload.description, entry.payload.sought].join(' '));
  return words.every((word) => haystack.includes(word));
}

export function filterPipeline(entries: readonly PipelineEntry[], filters: PipelineFilters): PipelineEntry[] {
  return entries.filter(
    (entry) =>
      (filters.sector === undefined || entry.payload.sector === filters.sector) &&
      (filters.party === undefined || entry.proposedBy === filters.party) &&
      (filters.status === undefined || entry.status === filters.status) &&
      (filters.text === undefined || matchesText(entry, filters.text)),
  );
}

/** How many opportunities stand at a status. */
export interface PipelineCount {
  status: PipelineStatus;
  count: number;
}

/** What the opportunities of one status are worth in one currency: the sums of their ranges' ends. */
export interface PipelineTotal {
  status: PipelineStatus;
  currency: string;
  count: number;
  min: number;
  max: number;
}

export interface PipelineSummary {
  /** Every status in the pipeline's order, those with none included. */
  counts: PipelineCount[];
  /** By currency (alphabetical), then status in the pipeline's order; values in different currencies are never added. */
  totals: PipelineTotal[];
}

export function pipelineSummary(entries: readonly PipelineEntry[]): PipelineSummary {
  const counts = PIPELINE_STATUSES.map((status) => ({ status, count: entries.filter((entry) => entry.status === status).length }));
  const totals = new Map<string, PipelineTotal>();
  for (const entry of entries) {
    const { currency, min, max } = entry.payload.value;
    const key = `${currency}\u0000${entry.status}`;
    const total = totals.get(key) ?? { status: entry.status, currency, count: 0, min: 0, max: 0 };
    total.count += 1;
    total.min += min;
    total.max += max;
    totals.set(key, total);
  }
  return {
    counts,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency) || PIPELINE_STATUSES.indexOf(a.status) - PIPELINE_STATUSES.indexOf(b.status)),
  };
}
