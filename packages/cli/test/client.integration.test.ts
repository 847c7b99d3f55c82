// The client commands against a real server (`fusion-cell serve --demo` on a temporary data
// directory), as two parties' duty officers would use them, each with their own client home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatTlogProof,
  formatVerifierKey,
  inclusionProof,
  leafHash,
  merkleTreeHash,
  base64Encode,
  signCheckpoint,
  signEnvelope,
  utf8Encode,
  canonicalJson,
} from '@fusion-cell/record';
import { generateKeyPair, nodeSigner } from '@fusion-cell/record/node';
import { demoLogins, getWithSession, output, rewriteLogEntry, testClient, type TestClient } from './client-fixtures.ts';
import { runCli, startCliServer } from './run-cli.ts';

type Server = Awaited<ReturnType<typeof startCliServer>>;

let root: string;
let dataDir: string;
let server: Server;
let sy: TestClient;
let il: TestClient;
/** Receipts of messages sent in the tests, by name. */
const sent: Record<string, { id: string; compartment: string; index: number }> = {};

const serveArgs = (port: number) => ['--demo', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'];

async function stop(running: Server): Promise<void> {
  running.child.kill('SIGTERM');
  await running.exited;
}

async function login(client: TestClient): Promise<any> {
  const { password } = demoLogins(dataDir).find((entry) => entry.username === client.username)!;
  const result = await client.run(['login', '--server', server.url, '--username', client.username, '--password-stdin', '--json'], `${password}\n`);
  expect(result.code, output(result)).toBe(0);
  return JSON.parse(result.stdout);
}

async function send(client: TestClient, name: string, args: string[], input?: string): Promise<void> {
  const result = await client.run(['send', ...args, '--json'], input);
  expect(result.code, output(result)).toBe(0);
  sent[name] = JSON.parse(result.stdout);
}

/** A cosign run's outcome per compartment. */
async function cosign(client: TestClient): Promise<{ code: number | null; result: any; raw: string }> {
  const run = await client.run(['cosign', '--json']);
  return { code: run.code, result: JSON.parse(run.stdout), raw: output(run) };
}

const byCompartment = (result: any, id: string) => result.compartments.find((outcome: any) => outcome.compartment === id);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-client-'));
  dataDir = path.join(root, 'data');
  server = await startCliServer(serveArgs(0));
  sy = testClient(root, 'sy.duty1');
  il = testClient(root, 'il.duty1');
});

afterAll(async () => {
  if (server) await stop(server);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('fusion-cell client commands', () => {
  it('logs in each party with its own home, a 0600 key file and an approved device', async () => {
    for (const client of [sy, il]) {
      const result = await login(client);
      expect(result.device).toMatchObject({ status: 'approved', created: true });
      expect(fs.statSync(result.device.keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(result.device.keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(fs.statSync(client.home).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(client.home, 'state.json')).mode & 0o777).toBe(0o600);
      expect(client.state()).toMatchObject({ party: client.username.slice(0, 2), device: { id: result.device.id, status: 'approved' } });
    }
    // A second login reuses the key and the registered device.
    const again = await login(sy);
    expect(again.device).toMatchObject({ id: sy.state().device.id, created: false });
  });

  it('sends signed messages, and a party cannot tell a compartment it is not in from one that does not exist', async () => {
    await send(sy, 'plenary', ['--compartment', 'plenary', '--track', 'deescalation', '--text', 'Convoy on the Quneitra road at 14:00', '--ack-requested']);
    await send(sy, 'caucus', ['--compartment', 'caucus-sy', '--track', 'diplomatic', '--text-stdin', '--reference', sent['plenary']!.id], 'For the mediator:\nwe expect a reply by 13:00.\n');
    expect(sent['plenary']).toMatchObject({ compartment: 'plenary', duplicate: false });
    await send(il, 'reply', ['--compartment', 'plenary', '--track', 'deescalation', '--text', 'נתקבל', '--language', 'he', '--reference', sent['plenary']!.id]);

    const hidden = await il.run(['send', '--compartment', 'caucus-sy', '--track', 'general', '--text', 'hello']);
    const madeUp = await il.run(['send', '--compartment', 'caucus-zz', '--track', 'general', '--text', 'hello']);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toMatch(/not found/);
    expect(hidden.stderr).toBe(madeUp.stderr);

    const badTrack = await sy.run(['send', '--compartment', 'plenary', '--track', 'gossip', '--text', 'x']);
    expect(badTrack.code).not.toBe(0);
    expect(badTrack.stderr).toMatch(/unknown track "gossip"/);
  });

  it('cosigns the latest checkpoint of every compartment for both parties, then checks consistency on the next run', async () => {
    const first = await cosign(sy);
    expect(first.code, first.raw).toBe(0);
    expect(first.result.pinnedNow).toBe(true);
    // sy's own message is proven to be in the tree it cosigns.
    expect(byCompartment(first.result, 'plenary')).toMatchObject({ verdict: 'cosigned', consistency: 'first checkpoint seen; 1 item(s) sent from here included' });
    expect(byCompartment(first.result, 'caucus-sy').verdict).toBe('cosigned');
    expect(first.result.compartments.map((outcome: any) => outcome.compartment)).not.toContain('caucus-il');

    const ilRun = await cosign(il);
    expect(ilRun.code, ilRun.raw).toBe(0);
    const plenarySize = byCompartment(ilRun.result, 'plenary').size;
    expect(byCompartment(ilRun.result, 'plenary').verdict).toBe('cosigned');
    expect(fs.existsSync(path.join(il.home, 'checkpoints', 'paris-2026', 'plenary', `${plenarySize}.note`))).toBe(true);

    await send(sy, 'later', ['--compartment', 'plenary', '--track', 'general', '--text', 'Second message of the day']);
    await send(sy, 'later2', ['--compartment', 'plenary', '--track', 'general', '--text', 'Third message of the day']);
    await waitForCheckpoint(sy, 'plenary', sent['later2']!.index + 1);
    const second = await cosign(sy);
    expect(second.code, second.raw).toBe(0);
    const plenary = byCompartment(second.result, 'plenary');
    expect(plenary.verdict).toBe('cosigned');
    expect(plenary.consistency).toMatch(/^consistent with size \d+; 2 item\(s\) sent from here included$/);
    expect(plenary.size).toBeGreaterThan(plenarySize);
    expect(byCompartment(second.result, 'caucus-sy').verdict).toBe('already-cosigned');

    const third = await cosign(il);
    expect(third.code, third.raw).toBe(0);
    expect(byCompartment(third.result, 'plenary')).toMatchObject({ verdict: 'cosigned', consistency: `consistent with size ${plenarySize}` });
    expect(byCompartment(third.result, 'plenary').cosignedBy).toEqual([`sy/${sy.state().device.id}`]);
    const record = await getWithSession(il, '/api/v1/record');
    const cosigners = record.compartments.find((log: any) => log.id === 'plenary').cosignedBy.map((entry: any) => entry.party).sort();
    expect(cosigners).toEqual(['il', 'sy']);
  }, 60_000);

  it('exports a bundle readable by the owner only that verifies offline', async () => {
    const file = path.join(root, 'sy-bundle.json');
    const exported = await sy.run(['export', '--out', file]);
    expect(exported.code, output(exported)).toBe(0);
    expect(exported.stdout).toMatch(/VERIFIED/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle.compartments.map((compartment: any) => compartment.id).sort()).toEqual(['caucus-sy', 'internal-sy', 'plenary']);

    const verified = await runCli(['verify', file]);
    expect(verified.code, output(verified)).toBe(0);
    expect(verified.stdout).toMatch(/^VERIFIED: \d+ entries/);
    const withKey = await runCli(['verify', file, '--log-key', sy.state().logKeys['paris-2026']!, '--json']);
    expect(JSON.parse(withKey.stdout)).toMatchObject({ kind: 'bundle', ok: true, failures: [] });
  });

  it('reports a tampered bundle with the entry and the rule, and exits 1', async () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'sy-bundle.json'), 'utf8'));
    const plenary = (copy: any) => copy.compartments.find((compartment: any) => compartment.id === 'plenary');
    const position = (copy: any, name: string) => plenary(copy).entries.findIndex((entry: any) => entry.index === sent[name]!.index);
    const check = async (name: string, change: (copy: any) => void, expected: RegExp[]) => {
      const copy = structuredClone(bundle);
      change(copy);
      const file = path.join(root, `tampered-${name}.json`);
      fs.writeFileSync(file, JSON.stringify(copy));
      const result = await runCli(['verify', file]);
      expect(result.code, output(result)).toBe(1);
      expect(result.stdout).toMatch(/^FAILED/);
      for (const pattern of expected) expect(result.stdout, output(result)).toMatch(pattern);
    };

    const edited = sent['plenary']!.index;
    await check(
      'payload',
      (copy) => {
        const payload = plenary(copy).entries[position(copy, 'plenary')].signedEnvelope.envelope.payload;
        payload.text = payload.text.replace('14:00', '15:00');
      },
      [new RegExp(`\\[R30\\] entry_signature_invalid \\(plenary #${edited}\\)`), /\[R32\] checkpoint_root_mismatch \(plenary\)/],
    );

    const deleted = sent['later']!.index;
    await check('deleted', (copy) => plenary(copy).entries.splice(position(copy, 'later'), 1), [
      new RegExp(`\\[R22\\] entry_index_gap \\(plenary #${deleted + 1}\\)`),
    ]);

    // Swapping two whole entries breaks the numbering at both places.
    const [a, b] = [sent['plenary']!.index, sent['reply']!.index];
    await check(
      'swapped',
      (copy) => {
        const entries = plenary(copy).entries;
        const [i, j] = [position(copy, 'plenary'), position(copy, 'reply')];
        [entries[i], entries[j]] = [entries[j], entries[i]];
      },
      [new RegExp(`\\[R22\\] entry_index_gap \\(plenary #${b}\\)`), new RegExp(`\\[R22\\] entry_index_gap \\(plenary #${a}\\)`)],
    );
    // Swapping the items but keeping the numbers: the reply now comes before what it answers.
    await check(
      'reordered',
      (copy) => {
        const entries = plenary(copy).entries;
        const [i, j] = [position(copy, 'plenary'), position(copy, 'reply')];
        [entries[i].signedEnvelope, entries[j].signedEnvelope] = [entries[j].signedEnvelope, entries[i].signedEnvelope];
      },
      [new RegExp(`\\[R37\\] reference_not_earlier \\(plenary #${a}\\)`), /\[R32\] checkpoint_root_mismatch/],
    );

    const notJson = path.join(root, 'not-a-bundle.txt');
    fs.writeFileSync(notJson, 'hello\n');
    const refused = await runCli(['verify', notJson]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/neither an export bundle \(JSON\) nor a c2sp.org\/tlog-proof@v1 file/);
  }, 60_000);

  it('proves one item, which verifies with the log key and fails with another key or one altered byte', async () => {
    const file = path.join(root, 'item.proof');
    const proved = await sy.run(['prove', '--item', sent['later2']!.id, '--out', file]);
    expect(proved.code, output(proved)).toBe(0);
    const { logKey } = await getWithSession(sy, '/api/v1/record');

    const ok = await runCli(['verify', file, '--log-key', logKey]);
    expect(ok.code, output(ok)).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`VERIFIED: entry #${sent['later2']!.index} is in the log fusion-cell/paris-2026/plenary`));
    expect(ok.stdout).toContain('Third message of the day');
    expect((await runCli(['verify', file, '--log-key', logKey, '--origin', 'fusion-cell/paris-2026/plenary'])).code).toBe(0);

    const otherKey = formatVerifierKey('fusion-cell/paris-2026', generateKeyPair().publicKey);
    const wrongKey = await runCli(['verify', file, '--log-key', otherKey]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/FAILED: \[R12\] checkpoint_invalid: checkpoint is not signed by the log key/);

    const noKey = await runCli(['verify', file]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/give --log-key/);

    // One byte of the entry changed (in the middle of its base64, so it stays well-formed).
    const text = fs.readFileSync(file, 'utf8');
    const extra = text.indexOf('extra ') + 'extra '.length + 40;
    const altered = `${text.slice(0, extra)}${text[extra] === 'A' ? 'B' : 'A'}${text.slice(extra + 1)}`;
    fs.writeFileSync(file, altered);
    const tampered = await runCli(['verify', file, '--log-key', logKey]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAILED: \[R12\] inclusion_invalid: entry \d+ is not included/);

    // One byte of the checkpoint's root changed: the log's signature no longer holds.
    const rootLine = text.split('\n\n')[1]!.split('\n')[2]!;
    const forgedRoot = `${rootLine[0] === 'A' ? 'B' : 'A'}${rootLine.slice(1)}`;
    fs.writeFileSync(file, text.replace(`\n${rootLine}\n`, `\n${forgedRoot}\n`));
    const forged = await runCli(['verify', file, '--log-key', logKey]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/FAILED: \[R12\] checkpoint_invalid: invalid log signature/);
  });

  it('verifies a tlog-proof from another log given the leaf, its key and its origin', async () => {
    const key = generateKeyPair();
    const name = 'transparency.example.org/log';
    const leaves = ['first', 'second', 'third', 'fourth', 'fifth'].map((word) => utf8Encode(`entry: ${word}\n`));
    const hashes = leaves.map((leaf) => leafHash(leaf));
    const checkpoint = await signCheckpoint(
      { origin: name, size: hashes.length, rootHash: merkleTreeHash(hashes) },
      { name, publicKey: key.publicKey, sign: nodeSigner(key.privateKey) },
      Math.floor(Date.now() / 1000),
    );
    const proofFile = path.join(root, 'other-log.proof');
    fs.writeFileSync(proofFile, formatTlogProof({ index: 3, inclusionProof: inclusionProof(hashes, 3), checkpoint }));
    const leafFile = path.join(root, 'leaf.txt');
    fs.writeFileSync(leafFile, leaves[3]!);
    const logKey = formatVerifierKey(name, key.publicKey);

    const ok = await runCli(['verify', proofFile, '--log-key', logKey, '--origin', name, '--leaf-file', leafFile]);
    expect(ok.code, output(ok)).toBe(0);
    expect(ok.stdout).toMatch(/VERIFIED: entry #3 is in the log transparency.example.org\/log of size 5/);
    const byHash = await runCli(['verify', proofFile, '--log-key', logKey, '--origin', name, '--leaf-hash', base64Encode(hashes[3]!), '--json']);
    expect(JSON.parse(byHash.stdout)).toMatchObject({ ok: true, index: 3, size: 5, origin: name });
    expect((await runCli(['verify', proofFile, '--log-key', logKey, '--leaf-file', leafFile])).code).toBe(0);

    const wrongOrigin = await runCli(['verify', proofFile, '--log-key', logKey, '--origin', 'transparency.example.org/other', '--leaf-file', leafFile]);
    expect(wrongOrigin.code).toBe(1);
    expect(wrongOrigin.stdout).toMatch(/checkpoint_invalid: unexpected origin transparency.example.org\/log/);
    fs.writeFileSync(leafFile, leaves[2]!);
    const wrongLeaf = await runCli(['verify', proofFile, '--log-key', logKey, '--origin', name, '--leaf-file', leafFile]);
    expect(wrongLeaf.code).toBe(1);
    expect(wrongLeaf.stdout).toMatch(/inclusion_invalid/);
    // Without --origin, a log named after its key is expected; no leaf at all cannot be checked.
    const noLeaf = await runCli(['verify', proofFile, '--log-key', logKey]);
    expect(noLeaf.code).toBe(1);
    expect(noLeaf.stdout).toMatch(/leaf_missing/);
  });

  it('detects a split view: the operator rewrites history, cosign refuses, and a saved checkpoint exposes the export', async () => {
    // Both parties have verified and cosigned plenary at this size; il's client kept the note.
    const before = await cosign(il);
    expect(before.code, before.raw).toBe(0);
    const size = byCompartment(before.result, 'plenary').size as number;
    const saved = path.join(il.home, 'checkpoints', 'paris-2026', 'plenary', `${size}.note`);
    expect(fs.existsSync(saved)).toBe(true);
    expect((await cosign(sy)).code).toBe(0);

    // The operator stops the server and rewrites sy's last plenary message into another one,
    // validly signed by the same device (as if the server had been handed two and showed each
    // party a different one). Every Merkle node, the head and the checkpoints are rebuilt, so
    // the server serves a history that holds together on its own.
    await stop(server);
    const port = Number(new URL(server.url).port);
    const target = sent['later2']!;
    const signer = nodeSigner(fs.readFileSync(sy.state().device.keyFile, 'utf8'));
    const entry = await getLeafFromBundle(target.index);
    const forged = await signEnvelope({ ...entry.envelope, payload: { ...entry.envelope.payload, text: 'Third message of the day: convoy cancelled' } }, signer);
    rewriteLogEntry(dataDir, 'plenary', target.index, canonicalJson(forged));
    server = await startCliServer(serveArgs(port));
    await waitForCheckpoint(sy, 'plenary', size);

    // Seen as a whole, the new history is flawless: a fresh export verifies by itself.
    const fresh = path.join(root, 'after-rewrite.json');
    const exported = await sy.run(['export', '--out', fresh]);
    expect((await runCli(['verify', fresh])).code).toBe(0);
    // But sy's client had verified the old history: its export check already says so.
    expect(exported.code, output(exported)).toBe(1);
    expect(exported.stdout).toMatch(/\[R35\] split_view \(plenary\)/);

    // sy's witness sees a checkpoint of the same size with another root: no cosignature.
    const syRun = await cosign(sy);
    expect(syRun.code, syRun.raw).toBe(1);
    expect(byCompartment(syRun.result, 'plenary')).toMatchObject({ verdict: 'alarm' });
    expect(byCompartment(syRun.result, 'plenary').problems[0]).toMatch(new RegExp(`two different trees of size ${size}`));
    expect(byCompartment(syRun.result, 'caucus-sy').verdict).toBe('already-cosigned');
    const human = await sy.run(['cosign']);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/ALARM plenary/);

    // The log moves on; il's witness asks for a consistency proof from its size, which fails.
    await send(il, 'after', ['--compartment', 'plenary', '--track', 'general', '--text', 'Anything new?']);
    await waitForCheckpoint(il, 'plenary', size + 1);
    const ilRun = await cosign(il);
    expect(ilRun.code, ilRun.raw).toBe(1);
    expect(byCompartment(ilRun.result, 'plenary').problems[0]).toMatch(new RegExp(`not consistent with the checkpoint of size ${size}`));
    const record = await getWithSession(il, '/api/v1/record');
    expect(record.compartments.find((log: any) => log.id === 'plenary').cosignedBy).toEqual([]);

    // Anyone holding il's saved checkpoint can show the split view from sy's fresh export.
    const exposed = await runCli(['verify', fresh, '--checkpoint', saved]);
    expect(exposed.code, output(exposed)).toBe(1);
    expect(exposed.stdout).toMatch(new RegExp(`\\[R35\\] split_view \\(plenary\\): .*${size}\\.note: the log signed size ${size} with root`));
    expect(exposed.stdout).toMatch(/two different histories \(split view\)/);
    // The whole folder of il's saved checkpoints can be given as well.
    const folder = await runCli(['verify', fresh, '--checkpoint', path.join(il.home, 'checkpoints', 'paris-2026'), '--json']);
    const report = JSON.parse(folder.stdout);
    expect(report.ok).toBe(false);
    expect(report.failures.filter((failure: any) => failure.code === 'split_view').length).toBeGreaterThan(0);
  }, 90_000);

  it('raises an alarm and cosigns nothing when the server signs with another log key than the pinned one', async () => {
    const stateFile = path.join(il.home, 'state.json');
    const original = fs.readFileSync(stateFile, 'utf8');
    const state = JSON.parse(original);
    // As if this client had first met a different key for the cell: the server's key is now "new".
    state.logKeys['paris-2026'] = formatVerifierKey('fusion-cell/paris-2026', generateKeyPair().publicKey);
    fs.writeFileSync(stateFile, JSON.stringify(state));
    try {
      const run = await il.run(['cosign']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/ALARM: the server now signs with the log key fusion-cell\/paris-2026\+\S+, but this client pinned .*nothing was cosigned/);
      const proved = await il.run(['prove', '--item', sent['reply']!.id]);
      expect(proved.code).toBe(1);
      expect(proved.stderr).toMatch(/ALARM/);
    } finally {
      fs.writeFileSync(stateFile, original);
    }
  });

  it('submits an item of any registered type, checking its payload against the type before signing', async () => {
    const alert = await sy.run(['submit', '--type', 'alert', '--compartment', 'plenary', '--track', 'deescalation', '--payload', '-', '--json'], JSON.stringify({ title: 'Shots near crossing 3', severity: 'flash', language: 'en' }));
    expect(alert.code, output(alert)).toBe(0);
    const receipt = JSON.parse(alert.stdout);
    expect(receipt).toMatchObject({ compartment: 'plenary', duplicate: false });
    const answer = await il.run(['submit', '--type', 'clarification', '--compartment', 'plenary', '--track', 'deescalation', '--payload', '-', '--ref', receipt.id], JSON.stringify({ question: 'Which crossing?', language: 'en' }));
    expect(answer.code, output(answer)).toBe(0);
    expect(answer.stdout).toMatch(/^Entered \S{43} to plenary/);

    const invalid = await sy.run(['submit', '--type', 'alert', '--compartment', 'plenary', '--track', 'deescalation', '--payload', '-'], JSON.stringify({ title: 'x', severity: 'red', language: 'en' }));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/not a valid alert: payload\.severity/);
    const unknown = await sy.run(['submit', '--type', 'gossip', '--compartment', 'plenary', '--track', 'general', '--payload', '-'], '{}');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown item type "gossip"/);
    const cellOnly = await sy.run(['submit', '--type', 'escalation', '--compartment', 'plenary', '--track', 'general', '--payload', '-'], '{}');
    expect(cellOnly.stderr).toMatch(/unknown item type "escalation"/);
  });

  it('logs out, after which commands ask for a login', async () => {
    const out = await sy.run(['logout']);
    expect(out.code, output(out)).toBe(0);
    expect(sy.state().session).toBeNull();
    const refused = await sy.run(['send', '--compartment', 'plenary', '--track', 'general', '--text', 'x']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not logged in/);
  });
});

/** The signed envelope at an index of plenary, as the server holds it. */
async function getLeafFromBundle(index: number): Promise<any> {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'sy-bundle.json'), 'utf8'));
  return bundle.compartments.find((compartment: any) => compartment.id === 'plenary').entries.find((entry: any) => entry.index === index).signedEnvelope;
}

/** Waits until the server has signed a checkpoint of at least `size` for a compartment. */
async function waitForCheckpoint(client: TestClient, compartment: string, size: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const record = await getWithSession(client, '/api/v1/record');
    const note: string | null = record.compartments.find((log: any) => log.id === compartment).checkpoint;
    if (note && Number(note.split('\n')[1]) >= size) return;
    if (Date.now() > deadline) throw new Error(`no checkpoint of size ${size} for ${compartment}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
