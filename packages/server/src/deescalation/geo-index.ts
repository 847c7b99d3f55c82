import RBush from 'rbush';
import type { Kysely, Transaction } from 'kysely';
import type { Database, GeoFeatureTable } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A place an item names, as the index holds it: its bounds, its window, and what it is. */
export interface IndexedFeature {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  item: string;
  compartment: string;
  type: string;
  party: string;
  document: string | null;
  startsAt: number | null;
  endsAt: number | null;
  geometry: string;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function toFeature(row: GeoFeatureTable): IndexedFeature {
  return {
    minX: Number(row.min_lon),
    minY: Number(row.min_lat),
    maxX: Number(row.max_lon),
    maxY: Number(row.max_lat),
    item: row.item_id,
    compartment: row.compartment_id,
    type: row.type,
    party: row.party_id,
    document: row.document_id,
    startsAt: row.starts_at === null ? null : Number(row.starts_at),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    geometry: row.geometry,
  };
}

/**
 * An R-tree of the places each compartment's items name, so a check looks at the few whose
 * bounds meet its area instead of every zone and notice. It holds only committed rows: loaded
 * in log order up to the size the caller knows committed, and the rows of the transaction in
 * progress are read beside it, so a batch that rolls back leaves nothing behind. Another
 * instance's appends are picked up by reading past what was loaded.
 */
export class GeoIndex {
  private readonly trees = new Map<string, { tree: RBush<IndexedFeature>; loadedUpTo: number }>();

  /**
   * Features of the compartment whose bounds meet `bounds`. `committedSize` is the log's size
   * before this transaction appended to it; undefined when the transaction did not.
   */
  async search(db: Executor, compartment: string, bounds: Bounds, committedSize: number | undefined): Promise<IndexedFeature[]> {
    const entry = await this.load(db, compartment, committedSize);
    const found = entry.tree.search(bounds);
    if (committedSize === undefined) return found;
    // This transaction's own rows: few, and not to be cached until they commit.
    const pending = await db.selectFrom('geo_features').selectAll().where('compartment_id', '=', compartment).where('idx', '>=', committedSize).execute();
    return [...found, ...pending.map(toFeature).filter((feature) => meets(feature, bounds))];
  }

  private async load(db: Executor, compartment: string, committedSize: number | undefined): Promise<{ tree: RBush<IndexedFeature>; loadedUpTo: number }> {
    let entry = this.trees.get(compartment);
    if (!entry) {
      entry = { tree: new RBush<IndexedFeature>(), loadedUpTo: 0 };
      this.trees.set(compartment, entry);
    }
    let query = db.selectFrom('geo_features').selectAll().where('compartment_id', '=', compartment).where('idx', '>=', entry.loadedUpTo);
    if (committedSize !== undefined) query = query.where('idx', '<', committedSize);
    const rows = await query.orderBy('idx').execute();
    if (rows.length > 0) {
      const features = rows.map(toFeature);
      // Bulk loading builds a better tree than inserting one by one, and is faster.
      if (rows.length > 64) entry.tree.load(features);
      else for (const feature of features) entry.tree.insert(feature);
      entry.loadedUpTo = Number((rows[rows.length - 1] as GeoFeatureTable).idx) + 1;
    }
    return entry;
  }
}

function meets(feature: Bounds, bounds: Bounds): boolean {
  return feature.minX <= bounds.maxX && feature.maxX >= bounds.minX && feature.minY <= bounds.maxY && feature.maxY >= bounds.minY;
}
