import { durationToMilliseconds } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { openItemAuthor } from '../../../../test-support/fuzz/item-author.ts';
import { itemsTarget, type ItemsServer } from '../../../../test-support/fuzz/items-target.ts';
import { rowCount } from '../../../../test-support/fuzz/stored-rows.ts';
import { ENGINES, type TestStorage } from '../support/engines.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(ENGINES)('fuzz: signed items on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let target: ItemsServer;

  beforeAll(async () => {
    storage = await setup.create();
    // No timer ticks while it runs: the cell's own entries (findings) would count as appended by a refused item.
    server = await startTestServer(storage, { timerIntervalMs: 3_600_000 });
    const { db, record } = server.handle.services;
    const cellId = record.cellId;
    // A supervisor's duty officer (every compartment but the sides' internal ones) and a side's head.
    const authors = await Promise.all(['us.duty1', 'sy.head'].map((username) => openItemAuthor(server.url, cellId, username, server.passwordOf(username))));
    const items = await db.selectFrom('items').select(['id', 'compartment_id']).execute();
    target = {
      url: server.url,
      cellId,
      now: () => server.clock.now(),
      toleranceMs: durationToMilliseconds(record.cell.rules.authoredTimeTolerance),
      authors,
      knownItems: new Map(items.map((item) => [item.id, item.compartment_id])),
      entryCount: () => rowCount(db, 'log_entries'),
    };
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  it('appends valid items exactly once, refuses damaged ones in the error shape without appending, never a 500', async () => {
    await assertSoundVerdicts(itemsTarget(target), 60, { shrink: false });
  }, fuzzTimeout());
});
