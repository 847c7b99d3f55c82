import {
  appendLeaf,
  base64Encode,
  consistencyProofFromNodes,
  consistencyProofNodes,
  EMPTY_TREE_ROOT,
  frontierFromNodes,
  inclusionProofFromNodes,
  inclusionProofNodes,
  perfectNodesOf,
  rootFromFrontier,
  type Frontier,
  type NodeId,
  type NodeLookup,
  type PerfectNode,
} from '@fusion-cell/record';
import type { Kysely, Transaction } from 'kysely';
import type { CellContext } from '../cell/cell-context.ts';
import type { Engine } from '../db/open-database.ts';
import type { Database } from '../db/schema.ts';
import { chunks } from '../db/chunks.ts';
import type { AppliedEntry } from './applied-entry.ts';
import { applyDerivedState } from './derived-state.ts';
import type { AppendReceipt, PreparedEntry } from './prepared-entry.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Entries the cell adds about entries just appended, in the same transaction and log: the
 * findings of its automatic checks. `committedSizes` holds each log's size before this
 * transaction appended to it.
 */
export type FollowUps = (trx: Transaction<Database>, applied: readonly AppliedEntry[], committedSizes: ReadonlyMap<string, number>) => Promise<PreparedEntry[]>;

/** A batch's receipts, in the order submitted, and what the cell appended with it. */
export interface AppendedBatch {
  receipts: AppendReceipt[];
  followUps: Array<{ receipt: AppendReceipt; entry: PreparedEntry }>;
}

/**
 * The compartments' append-only logs: entries, the perfect Merkle nodes that make proofs
 * cheap at any size, and each log's head. Appends happen in batches, one transaction each.
 */
export class LogStore {
  /** Frontiers of recent appends, valid only while the stored head has the same size. */
  private readonly frontiers = new Map<string, Frontier>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly context: CellContext,
    private readonly followUps?: FollowUps,
  ) {}

  /**
   * Appends a batch in one transaction, per compartment in order: entries already in a log
   * come back as duplicates and are not appended twice. The caller resolves receipts only
   * after this returns, that is after the commit.
   */
  async appendBatch(entries: PreparedEntry[], receivedAt: number): Promise<AppendedBatch> {
    const newFrontiers = new Map<string, Frontier>();
    const followUps: Array<{ receipt: AppendReceipt; entry: PreparedEntry }> = [];
    const receipts = await this.db.transaction().execute(async (trx) => {
      const existing = await this.existingEntries(trx, entries.map((entry) => entry.itemId));
      const byCompartment = new Map<string, PreparedEntry[]>();
      for (const entry of entries) byCompartment.set(entry.compartmentId, [...(byCompartment.get(entry.compartmentId) ?? []), entry]);
      const receiptById = new Map<string, AppendReceipt>(existing);
      const committedSizes = new Map<string, number>();
      // Instances appending batches that touch the same logs take their heads in one order:
      // in the batch's order, each could hold the head the other waits for, and PostgreSQL
      // would stall both for its deadlock timeout before failing one.
      if (this.engine === 'postgres' && byCompartment.size > 1) {
        await trx.selectFrom('log_heads').select('compartment_id').where('compartment_id', 'in', [...byCompartment.keys()]).orderBy('compartment_id').forUpdate().execute();
      }
      for (const [compartmentId, compartmentEntries] of byCompartment) {
        let frontier = await this.lockedFrontier(trx, compartmentId);
        committedSizes.set(compartmentId, frontier.size);
        const append = async (batch: PreparedEntry[]): Promise<AppliedEntry[]> => {
          const rows: Array<{ compartment_id: string; idx: number; item_id: string; leaf: string; received_at: number }> = [];
          const nodes: PerfectNode[] = [];
          const all: AppliedEntry[] = [];
          let applied: AppliedEntry[] = [];
          for (const entry of batch) {
            if (receiptById.has(entry.itemId)) continue;
            if (entry.recheck) {
              // The recheck must see the entries before it in this batch.
              await this.insertEntries(trx, compartmentId, rows.splice(0), nodes.splice(0));
              await applyDerivedState(trx, this.context, applied);
              applied = [];
              await entry.recheck(trx);
            }
            const index = frontier.size;
            const appended = appendLeaf(frontier, entry.leafHash);
            frontier = appended.frontier;
            nodes.push(...appended.nodes);
            rows.push({ compartment_id: compartmentId, idx: index, item_id: entry.itemId, leaf: entry.leaf, received_at: receivedAt });
            const appliedEntry = { compartmentId, index, itemId: entry.itemId, receivedAt, signed: entry.signed };
            applied.push(appliedEntry);
            all.push(appliedEntry);
            receiptById.set(entry.itemId, { id: entry.itemId, compartment: compartmentId, index, receivedAt, duplicate: false });
          }
          await this.insertEntries(trx, compartmentId, rows, nodes);
          await applyDerivedState(trx, this.context, applied);
          return all;
        };
        const applied = await append(compartmentEntries);
        if (applied.length === 0) continue;
        // What the cell enters about these entries (its automatic checks' findings) joins them
        // in this transaction, after them in the same log.
        const extra = this.followUps ? await this.followUps(trx, applied, committedSizes) : [];
        if (extra.length > 0) {
          await append(extra);
          for (const entry of extra) {
            const receipt = receiptById.get(entry.itemId);
            if (receipt && !receipt.duplicate) followUps.push({ receipt, entry });
          }
        }
        await trx
          .updateTable('log_heads')
          .set({ size: frontier.size, root_hash: base64Encode(rootFromFrontier(frontier)) })
          .where('compartment_id', '=', compartmentId)
          .execute();
        newFrontiers.set(compartmentId, frontier);
      }
      const answered = new Set<string>();
      return entries.map((entry) => {
        const receipt = receiptById.get(entry.itemId);
        if (!receipt) throw new Error(`no receipt for ${entry.itemId}`);
        // The same envelope twice in one batch: the second is a duplicate of the first.
        const duplicate = receipt.duplicate || answered.has(entry.itemId);
        answered.add(entry.itemId);
        return { ...receipt, duplicate };
      });
    });
    for (const [compartmentId, frontier] of newFrontiers) this.frontiers.set(compartmentId, frontier);
    return { receipts, followUps };
  }

  private async insertEntries(trx: Transaction<Database>, compartmentId: string, rows: Array<{ compartment_id: string; idx: number; item_id: string; leaf: string; received_at: number }>, nodes: PerfectNode[]): Promise<void> {
    for (const chunk of chunks(rows, 400)) await trx.insertInto('log_entries').values(chunk).execute();
    const nodeRows = nodes.map((node) => ({ compartment_id: compartmentId, level: node.level, idx: node.index, hash: node.hash }));
    for (const chunk of chunks(nodeRows, 400)) await trx.insertInto('log_nodes').values(chunk).execute();
  }

  /** Receipts of entries already in some log, by item id, marked as duplicates. */
  private async existingEntries(executor: Executor, itemIds: string[]): Promise<Map<string, AppendReceipt>> {
    const found = new Map<string, AppendReceipt>();
    for (const chunk of chunks([...new Set(itemIds)], 400)) {
      const rows = await executor
        .selectFrom('log_entries')
        .select(['item_id', 'compartment_id', 'idx', 'received_at'])
        .where('item_id', 'in', chunk)
        .execute();
      for (const row of rows) {
        found.set(row.item_id, { id: row.item_id, compartment: row.compartment_id, index: row.idx, receivedAt: row.received_at, duplicate: true });
      }
    }
    return found;
  }

  /**
   * The compartment's frontier, with its head row locked until the transaction ends, so
   * appends from several server instances to one log are serialised.
   */
  private async lockedFrontier(trx: Transaction<Database>, compartmentId: string): Promise<Frontier> {
    let query = trx.selectFrom('log_heads').select('size').where('compartment_id', '=', compartmentId);
    if (this.engine === 'postgres') query = query.forUpdate();
    const head = await query.executeTakeFirst();
    if (!head) throw new Error(`compartment ${compartmentId} has no log`);
    const cached = this.frontiers.get(compartmentId);
    if (cached && cached.size === head.size) return cached;
    const lookup = await this.nodeLookup(trx, compartmentId, perfectNodesOf({ start: 0, end: head.size }));
    return frontierFromNodes(head.size, lookup);
  }

  /** Fetches the given perfect nodes in one query. */
  async nodeLookup(executor: Executor, compartmentId: string, nodes: NodeId[]): Promise<NodeLookup> {
    const hashes = new Map<string, Uint8Array>();
    for (const chunk of chunks(nodes, 300)) {
      if (chunk.length === 0) continue;
      const rows = await executor
        .selectFrom('log_nodes')
        .select(['level', 'idx', 'hash'])
        .where('compartment_id', '=', compartmentId)
        // A row-value IN list lets both engines look each node up by primary key.
        .where((eb) => eb(eb.refTuple('level', 'idx'), 'in', chunk.map((node) => eb.tuple(node.level, node.index))))
        .execute();
      for (const row of rows) hashes.set(`${row.level}/${row.idx}`, new Uint8Array(row.hash));
    }
    return (level, index) => hashes.get(`${level}/${index}`);
  }

  async head(compartmentId: string): Promise<{ size: number; rootHash: string } | undefined> {
    const row = await this.db.selectFrom('log_heads').select(['size', 'root_hash']).where('compartment_id', '=', compartmentId).executeTakeFirst();
    return row && { size: row.size, rootHash: row.root_hash };
  }

  /** RFC 9162 inclusion proof of entry `index` in the tree of `size` entries. */
  async inclusionProof(compartmentId: string, index: number, size: number): Promise<Uint8Array[]> {
    const lookup = await this.nodeLookup(this.db, compartmentId, inclusionProofNodes(index, size));
    return inclusionProofFromNodes(index, size, lookup);
  }

  /** RFC 9162 consistency proof between tree sizes `from` and `to`. */
  async consistencyProof(compartmentId: string, from: number, to: number): Promise<Uint8Array[]> {
    const lookup = await this.nodeLookup(this.db, compartmentId, consistencyProofNodes(from, to));
    return consistencyProofFromNodes(from, to, lookup);
  }

  /** Root hash of the tree of the first `size` entries. */
  async rootAt(compartmentId: string, size: number): Promise<Uint8Array> {
    if (size === 0) return EMPTY_TREE_ROOT;
    const nodes = perfectNodesOf({ start: 0, end: size });
    const lookup = await this.nodeLookup(this.db, compartmentId, nodes);
    return rootFromFrontier(frontierFromNodes(size, lookup));
  }
}

/** Creates the empty log of each compartment. */
export async function createLogHeads(executor: Executor, compartmentIds: string[]): Promise<void> {
  if (compartmentIds.length === 0) return;
  await executor
    .insertInto('log_heads')
    .values(compartmentIds.map((id) => ({ compartment_id: id, size: 0, root_hash: base64Encode(EMPTY_TREE_ROOT) })))
    .execute();
}

