// The hotline from the command line: raise an alert, see it in the other side's inbox,
// acknowledge it — as a desk without a browser, or a script, would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let sy: TestClient;
let il: TestClient;

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-watch-', ['sy.duty1', 'il.duty1']);
  [sy, il] = cell.clients as [TestClient, TestClient];
});

afterAll(() => cell?.close());

describe('fusion-cell alert, inbox and ack', () => {
  it('raises an alert that the other side sees in its inbox and acknowledges once', async () => {
    const raised = await sy.run(['alert', '--compartment', 'plenary', '--title', 'Shots near crossing 3', '--severity', 'flash', '--json']);
    expect(raised.code, output(raised)).toBe(0);
    const alert = JSON.parse(raised.stdout);

    const inbox = await il.run(['inbox', '--json']);
    const owed = JSON.parse(inbox.stdout).entries.find((entry: { item: string }) => entry.item === alert.id);
    expect(owed).toMatchObject({ type: 'alert', required: 'received', urgent: true, party: 'il' });
    const listed = (await il.run(['inbox'])).stdout;
    expect(listed).toMatch(/URGENT +il +ack received +alert +plenary/);
    // Each row says what the item is and who sent it, not only its id.
    expect(listed).toMatch(/^deadline +state +owes +what +type +compartment +from +title +item$/m);
    expect(listed).toContain(`${owed.dueAt}  URGENT`);
    expect(listed).toMatch(new RegExp(`alert +plenary +sy +Shots near crossing 3 +${alert.id}`));

    const acked = await il.run(['ack', '--item', alert.id, '--level', 'understood', '--read-back', 'Shots at crossing 3, we check.']);
    expect(acked.code, output(acked)).toBe(0);
    expect(acked.stdout).toMatch(/Acknowledged \(understood\)/);
    expect(JSON.parse((await il.run(['inbox', '--json'])).stdout).entries.some((entry: { item: string }) => entry.item === alert.id)).toBe(false);

    const again = await il.run(['ack', '--item', alert.id, '--level', 'received']);
    expect(again.code).toBe(1);
    expect(output(again)).toMatch(/already acknowledged/);
  });

  it('explains a contest without its reason, and an unknown level', async () => {
    const contest = await il.run(['ack', '--item', 'A'.repeat(43), '--level', 'contested']);
    expect(contest.code).toBe(1);
    expect(output(contest)).toMatch(/reason/);
    const unknown = await il.run(['ack', '--item', 'A'.repeat(43), '--level', 'seen']);
    expect(unknown.code).not.toBe(0);
    expect(output(unknown)).toMatch(/unknown level "seen"/);
  });

  it('keeps the overdue view for supervisors', async () => {
    const refused = await il.run(['inbox', '--overdue']);
    expect(refused.code).toBe(1);
    expect(output(refused)).toMatch(/supervisors/);
  });
});
