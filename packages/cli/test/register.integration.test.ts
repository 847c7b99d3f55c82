// The violation register from the command line: the demo's contested entry, as a table, JSON and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let il: TestClient;

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-register-', ['il.duty1']);
  [il] = cell.clients as [TestClient];
});

afterAll(() => cell?.close());

describe('fusion-cell register', () => {
  it('prints each entry with every party’s status, as a table, JSON or CSV', async () => {
    const json = await il.run(['register', '--json']);
    expect(json.code, output(json)).toBe(0);
    const register = JSON.parse(json.stdout);
    expect(register.parties).toEqual(['sy', 'il', 'us']);
    expect(register.entries).toHaveLength(1);
    expect(register.entries[0]).toMatchObject({ reportedBy: 'il', allegedParty: 'sy', article: 'Article 1(D)', status: 'contested', parties: { il: { status: 'alleged' }, sy: { status: 'contested' } } });

    const table = await il.run(['register']);
    expect(table.code, output(table)).toBe(0);
    expect(table.stdout).toMatch(/contested +sy +il +contested +alleged/);
    expect(table.stdout).toContain('1 entry');

    const csv = await il.run(['register', '--csv', '--status', 'contested']);
    expect(csv.code, output(csv)).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('incident,occurred_at,reported_at,reported_by,alleged_party,article,status,status_sy,status_il,status_us,what');
    expect(csv.stdout).toContain(register.entries[0].incident);

    const none = await il.run(['register', '--json', '--status', 'verified']);
    expect(JSON.parse(none.stdout).entries).toEqual([]);
  });

  it('refuses a status the register does not know, naming it', async () => {
    const result = await il.run(['register', '--status', 'guilty']);
    expect(result.code).toBe(1);
    expect(output(result)).toMatch(/status/);
  });
});
