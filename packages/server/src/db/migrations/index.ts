import type { Migration } from 'kysely';
import type { Engine } from '../open-database.ts';
import * as accounts from './0001-accounts.ts';
import { recordMigration } from './0002-record.ts';
import * as coordination from './0003-coordination.ts';
import * as knownLogins from './0004-known-logins.ts';
import * as shared from './0005-lifecycles-documents-findings.ts';
import { deescalationMigration } from './0006-deescalation.ts';
import { releasesMigration } from './0007-releases.ts';
import { searchMigration } from './0008-search.ts';
import { diplomaticMigration } from './0009-diplomatic.ts';

/**
 * Every migration, in order; names sort lexically, as Kysely's migrator requires. A migration
 * that needs a type the two engines spell differently receives the engine.
 */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    '0001-accounts': accounts,
    '0002-record': recordMigration(engine),
    '0003-coordination': coordination,
    '0004-known-logins': knownLogins,
    '0005-lifecycles-documents-findings': shared,
    '0006-deescalation': deescalationMigration(engine),
    '0007-releases': releasesMigration,
    '0008-search': searchMigration(engine),
    '0009-diplomatic': diplomaticMigration,
  };
}
