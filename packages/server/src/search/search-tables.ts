/**
 * Derived from the logs: one row per item, what search reads to filter and show it. Rebuilt
 * identically by `fusion-cell rebuild`. The words it is found by are kept beside it, by engine:
 * on SQLite in the FTS5 table `search_terms` (same rowid), on PostgreSQL in its `terms` and
 * `pairs` columns (`tsvector`s under GIN indexes); they are not declared here, as only
 * `search/` reads them, in SQL of its own.
 */
export interface SearchDocumentTable {
  item_id: string;
  compartment_id: string;
  idx: number;
  type: string;
  track: string;
  /** The author's party; `@cell` for the cell's own items. */
  party_id: string;
  received_at: number;
  language: string | null;
  tlp: string | null;
  reliability: string | null;
  credibility: number | null;
  /** As written, for excerpts: the title ('' when the item has none) and the rest of its text. */
  title: string;
  body: string;
}
