// One item and what the record derives around it, from the command line: who owes what, how far
// each party has answered, what refers to it — as a desk without a browser, or a script, reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let sy: TestClient;
let il: TestClient;

async function entered(client: TestClient, args: string[]): Promise<string> {
  const result = await client.run([...args, '--json']);
  expect(result.code, output(result)).toBe(0);
  return JSON.parse(result.stdout).id;
}

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-show-', ['sy.duty1', 'il.duty1']);
  [sy, il] = cell.clients as [TestClient, TestClient];
});

afterAll(() => cell?.close());

describe('fusion-cell show', () => {
  it('shows an item with what it asks of each party, and how far each has answered', async () => {
    const alert = await entered(sy, ['alert', '--compartment', 'plenary', '--title', 'Shots near crossing 3', '--severity', 'flash']);

    const owed = await il.run(['show', alert]);
    expect(owed.code, output(owed)).toBe(0);
    expect(owed.stdout).toContain(`alert ${alert}`);
    expect(owed.stdout).toMatch(/plenary #\d+, track deescalation/);
    expect(owed.stdout).toContain('title: Shots near crossing 3');
    expect(owed.stdout).toMatch(/What it asks\nparty +owes +due +state +by\nil +ack received +\S+ +URGENT/);

    const ack = await entered(il, ['ack', '--item', alert, '--level', 'understood', '--read-back', 'Shots at crossing 3, we check.']);
    const answered = await sy.run(['show', alert]);
    expect(answered.stdout).toMatch(/il +ack received +\S+ +met \S+ \(understood\) +\S+/);
    expect(answered.stdout).toMatch(new RegExp(`Referred to by\\n.*\\nack +il +plenary +\\S+ +yes +${ack}`));

    const json = await sy.run(['show', alert, '--json']);
    expect(json.code, output(json)).toBe(0);
    const state = JSON.parse(json.stdout);
    expect(state.item.id).toBe(alert);
    expect(state.obligations).toMatchObject([{ party: 'il', kind: 'ack', required: 'received', met: true, metBy: ack, reached: 'understood' }]);
    expect(state.acknowledgments).toMatchObject([{ party: 'il', level: 'understood', item: ack }]);
    expect(state.payload).toMatchObject({ title: 'Shots near crossing 3', severity: 'flash' });
  });

  it('says an item of a compartment the party is not in does not exist, as for an id that names nothing', async () => {
    const aside = await entered(sy, ['send', '--compartment', 'caucus-sy', '--track', 'general', '--text', 'For the mediator only']);
    const hidden = await il.run(['show', aside]);
    const missing = await il.run(['show', 'A'.repeat(43)]);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toMatch(/item not found/);
    expect(hidden.stderr).toBe(missing.stderr);
  });

  it('explains an argument that is no item id', async () => {
    const result = await il.run(['show', 'crossing-3']);
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(/"crossing-3" is not an item id/);
  });
});
