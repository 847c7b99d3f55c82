import type { ItemTypeName } from '@fusion-cell/protocol';
import type { Envelope, SignedEnvelope } from '@fusion-cell/record';
import type { Kysely, Transaction } from 'kysely';
import type { CellContext } from '../cell/cell-context.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import type { Clock } from '../clock.ts';

export type Executor = Transaction<Database> | Kysely<Database>;

/**
 * What the rules of an item read: the database (the append's transaction when they run again
 * under the log's lock), the clock and the cell's context. Narrower than the cell's services,
 * so the rules depend on nothing that depends on them.
 */
export interface RuleServices {
  db: Kysely<Database>;
  clock: Clock;
  record: { cell: CellContext };
}

/** An answer's target as the record holds it, for checks of what may be said about it. */
export interface AnswerTarget {
  id: string;
  type: string;
  compartment: string;
  track: string;
  /** The party of its author; `@cell` for the cell's own items. */
  party: string;
}

/** An item as a type's module describes it: where it is, what was signed, its payload as read now. */
export interface DescribedItem {
  id: string;
  compartment: string;
  index: number;
  receivedAt: number;
  signed: SignedEnvelope;
  /** The payload read at its type's current version (record SPEC R40); undefined when it cannot be. */
  payload: Record<string, unknown> | undefined;
}

/**
 * What the server does for one item type beyond what its protocol declaration already says:
 * checks against the record so far, and the state its entries derive. The core runs the
 * declared checks (who may enter it where, what it answers) for every type, then these.
 */
export interface ServerItemType<Name extends ItemTypeName = ItemTypeName> {
  type: Name;
  /** Checks against the record so far; throws a DomainError naming the field at fault. */
  check?(services: RuleServices, actor: Actor, envelope: Envelope, target: AnswerTarget | undefined): Promise<void>;
  /**
   * Whether `check` reads state a concurrent append can change: it then runs again inside the
   * append, under the log's lock, so two racing items cannot both pass.
   */
  recheckUnderLock?: boolean;
  /** Updates the state derived from an appended entry, in the append's transaction. */
  derive?(trx: Executor, entry: AppliedEntry, authorParty: string, context: CellContext): Promise<void>;
  /** Derived tables that only this type's entries fill, with the columns that identify a row; rebuilt with the rest. */
  ownedTables?: Readonly<Partial<Record<keyof Database, readonly string[]>>>;
  /**
   * What an item of this type adds to the state every item has (`GET /api/v1/items/:id/state`,
   * under `details`): a document's signatures, a finding's result. Reads only what the item's
   * own compartment holds, as whoever may see the item may see that.
   */
  describe?(db: Kysely<Database>, item: DescribedItem): Promise<Record<string, unknown>>;
  /**
   * For a co-signed document's type: why no party may initial or sign the document now, beyond
   * what its declaration says of the version itself (a joint text with a bracket open), if so.
   */
  signingBlocked?(db: Executor, documentId: string): Promise<string | undefined>;
}

export function defineServerItemType<Name extends ItemTypeName>(module: ServerItemType<Name>): ServerItemType<Name> {
  return module;
}
