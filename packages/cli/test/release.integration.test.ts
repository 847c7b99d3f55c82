// A release from the command line: an extract of a caucus item, its commitment computed here, its
// opening sent beside the envelope (record SPEC R44).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let sy: TestClient;
let il: TestClient;

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-release-', ['sy.duty1', 'il.duty1']);
  [sy, il] = cell.clients as [TestClient, TestClient];
});

afterAll(() => cell?.close());

describe('fusion-cell submit --release-of', () => {
  it('[R44] releases an extract of a caucus item into the plenary, tied to it for the caucus alone', async () => {
    const sent = await sy.run(['send', '--compartment', 'caucus-sy', '--track', 'intelligence', '--text', 'Convoy of six trucks seen at the southern checkpoint at 04:10.', '--json']);
    expect(sent.code, output(sent)).toBe(0);
    const original = JSON.parse(sent.stdout).id as string;
    const extract = JSON.stringify({ title: 'Convoy seen', extract: 'A convoy was seen near the southern checkpoint.', language: 'en', tlp: 'GREEN' });
    const released = await sy.run(['submit', '--type', 'intel.release', '--compartment', 'plenary', '--track', 'intelligence', '--payload', '-', '--release-of', original, '--json'], extract);
    expect(released.code, output(released)).toBe(0);
    const release = JSON.parse(released.stdout);
    expect(release.compartment).toBe('plenary');

    const tie = await sy.run(['show', original, '--json']);
    expect(JSON.parse(tie.stdout).referencedBy).toMatchObject([{ type: 'intel.release.note', author: '@cell', compartment: 'caucus-sy' }]);
    const seen = await il.run(['show', release.id, '--json']);
    expect(seen.code, output(seen)).toBe(0);
    expect(seen.stdout).not.toContain(original);
    expect(seen.stdout).not.toContain('six trucks');
  });

  it('refuses --release-of with another type, before anything is signed', async () => {
    const result = await sy.run(['submit', '--type', 'message', '--compartment', 'plenary', '--track', 'general', '--payload', '-', '--release-of', 'A'.repeat(43)], '{"text":"x","language":"en"}');
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(/--release-of goes with --type intel.release/);
  });
});
