import {
  containsPhrase,
  parseSearchText,
  SEARCH_MAX_WORDS,
  searchExcerpt,
  searchHighlighted,
  type SearchHit,
  type SearchQuery,
  type SearchResults,
  type SearchText,
  type Track,
} from '@fusion-cell/protocol';
import type { CellServices } from '../cell-services.ts';
import { toIso } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize, decide } from '../policy/policy.ts';
import { documentsOf, newestDocuments, rankedCandidates, type Candidate, type SearchDocument, type SearchFilters } from './search-queries.ts';

/**
 * Searches the items of the compartments the member reads, and of no other: the compartments
 * are decided by the policy before any query is made, and every query is bound to them. Asking
 * for a compartment the member does not read is answered as for one that does not exist.
 */
export async function searchItems(services: CellServices, actor: Actor, query: SearchQuery): Promise<SearchResults> {
  authorize(actor, { type: 'search.read' });
  const readable = [...actor.compartments].filter((compartment) => decide(actor, { type: 'compartment.read', compartment }).allowed);
  if (query.compartment) for (const compartment of query.compartment) authorize(actor, { type: 'compartment.read', compartment }, 'compartment');
  const text = parseSearchText(query.q ?? '');
  if (text.words.length > SEARCH_MAX_WORDS) throw new DomainError('validation_failed', `search for at most ${SEARCH_MAX_WORDS} words at once`, 'query.q');
  const filters: SearchFilters = {
    compartments: query.compartment ? [...new Set(query.compartment)] : readable,
    types: query.type,
    tracks: query.track,
    parties: query.party,
    tlp: query.tlp,
    reliability: query.reliability,
    credibility: query.credibility?.map(Number),
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
  };
  const offset = Number(query.cursor ?? 0);
  if (filters.compartments.length === 0) return { results: [] };
  if (text.words.length === 0) {
    const page = await newestDocuments(services.db, services.engine, filters, offset, query.limit);
    return { results: page.documents.map((document) => hitOf(document, new Set())), ...(page.more ? { nextCursor: String(offset + query.limit) } : {}) };
  }
  const { candidates, more } = await rankedCandidates(services.db, services.engine, text, filters);
  const page = text.phrases.length ? await withPhrases(services, candidates, text, offset, query.limit) : await pageOf(services, candidates, offset, query.limit);
  const sought = new Set(text.words);
  return {
    results: page.documents.map((document) => hitOf(document, sought)),
    ...(page.next < candidates.length ? { nextCursor: String(page.next) } : {}),
    ranked: more ? 'newest' : 'all',
  };
}

interface Page {
  documents: SearchDocument[];
  /** Where the next page starts among the candidates. */
  next: number;
}

async function pageOf(services: CellServices, candidates: readonly Candidate[], offset: number, limit: number): Promise<Page> {
  const chosen = candidates.slice(offset, offset + limit);
  return { documents: await documentsOf(services.db, chosen.map((candidate) => candidate.item)), next: offset + chosen.length };
}

/** Candidates are read this many at a time while phrases are checked. */
const PHRASE_BATCH = 100;

/**
 * The index finds items holding every word; a phrase also asks for them in a row, in the title
 * or in the rest, each in any of its forms. Candidates are read in rank order until the page is
 * full, so the next page starts after the last candidate read.
 */
async function withPhrases(services: CellServices, candidates: readonly Candidate[], text: SearchText, offset: number, limit: number): Promise<Page> {
  const documents: SearchDocument[] = [];
  let next = offset;
  while (documents.length < limit && next < candidates.length) {
    const ids = candidates.slice(next, next + PHRASE_BATCH).map((candidate) => candidate.item);
    const batch = new Map((await documentsOf(services.db, ids)).map((document) => [document.item_id, document]));
    for (const id of ids) {
      next += 1;
      // A candidate whose document vanished meanwhile (a repair in progress) is passed over.
      const document = batch.get(id);
      if (document && text.phrases.every((phrase) => containsPhrase(document.title, phrase) || containsPhrase(document.body, phrase))) documents.push(document);
      if (documents.length === limit) break;
    }
  }
  return { documents, next };
}

function hitOf(document: SearchDocument, sought: ReadonlySet<string>): SearchHit {
  return {
    item: document.item_id,
    compartment: document.compartment_id,
    type: document.type,
    track: document.track as Track,
    party: document.party_id,
    receivedAt: toIso(Number(document.received_at)),
    ...(document.language ? { language: document.language as SearchHit['language'] } : {}),
    ...(document.tlp ? { tlp: document.tlp as SearchHit['tlp'] } : {}),
    ...(document.reliability ? { reliability: document.reliability as SearchHit['reliability'] } : {}),
    ...(document.credibility !== null ? { credibility: Number(document.credibility) } : {}),
    title: searchHighlighted(document.title, sought),
    excerpt: searchExcerpt(document.body, sought),
  };
}
