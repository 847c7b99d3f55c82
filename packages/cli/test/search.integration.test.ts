// Search from the command line: the demo's Arabic and Hebrew messages found in other forms, as a table and as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let sy: TestClient;

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-search-', ['sy.duty1']);
  [sy] = cell.clients as [TestClient];
});

afterAll(() => cell?.close());

describe('fusion-cell search', () => {
  it('finds words in their other forms, and prints each hit with the words found marked', async () => {
    // The demo's Hebrew message says "לוח המשמרות" (the shift roster): found without its article.
    const table = await sy.run(['search', 'משמרות']);
    expect(table.code, output(table)).toBe(0);
    expect(table.stdout).toMatch(/plenary +message +il .*\[המשמרות\]/);
    expect(table.stdout).toContain('1 result');

    const json = await sy.run(['search', 'المناوبة', '--json']);
    expect(json.code, output(json)).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]).toMatchObject({ compartment: 'plenary', type: 'message', party: 'sy', language: 'ar' });
    expect(answer.results[0].excerpt.find((part: { match?: boolean }) => part.match).text).toBe('المناوبة');
  });

  it('filters, and pages with the cursor it prints', async () => {
    const filtered = await sy.run(['search', '--type', 'zone', '--limit', '1', '--json']);
    expect(filtered.code, output(filtered)).toBe(0);
    const first = JSON.parse(filtered.stdout);
    expect(first.results).toHaveLength(1);
    expect(first.results[0].type).toBe('zone');
    const next = await sy.run(['search', '--type', 'zone', '--limit', '1', '--cursor', first.nextCursor]);
    expect(next.code, output(next)).toBe(0);
    expect(next.stdout).toMatch(/zone/);
    expect(next.stdout).not.toContain(first.results[0].item);
  });

  it('refuses a filter outside its list, naming it', async () => {
    const result = await sy.run(['search', 'convoy', '--tlp', 'PURPLE']);
    expect(result.code).toBe(1);
    expect(output(result)).toMatch(/tlp/);
  });
});
