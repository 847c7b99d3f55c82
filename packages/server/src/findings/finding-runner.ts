import type { FindingCheckKey, FindingPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { Transaction } from 'kysely';
import type { CellContext } from '../cell/cell-context.ts';
import type { Database } from '../db/schema.ts';
import type { GeoIndex } from '../deescalation/geo-index.ts';

/** What a check found about one item: the finding's payload without its key and subject. */
export type FindingResult = Pick<FindingPayload, 'result' | 'checked' | 'detail'>;

/**
 * What a check reads, inside the append's transaction and under its log's lock: the state as
 * this batch leaves it, the places index, and each log's size before this transaction, so the
 * index can tell committed rows from the batch's own.
 */
export interface CheckScope {
  trx: Transaction<Database>;
  context: CellContext;
  index: GeoIndex;
  committedSizes: ReadonlyMap<string, number>;
}

/** The item checked, as just appended. */
export interface CheckSubject {
  id: string;
  compartment: string;
  receivedAt: number;
  authorParty: string;
  envelope: Envelope;
}

/** The server's half of an automatic check: the protocol declares its key and detail, this runs it. */
export interface FindingRunner<Check extends FindingCheckKey = FindingCheckKey> {
  check: Check;
  run(scope: CheckScope, subject: CheckSubject): Promise<FindingResult>;
}
