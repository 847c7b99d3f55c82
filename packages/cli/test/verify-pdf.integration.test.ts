import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVerifierKey, logKeyName } from '@fusion-cell/record';
import { generateKeyPair } from '@fusion-cell/record/node';
import { readPdfAttachments } from '../src/client/pdf-attachment.ts';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';
import { runCli } from './run-cli.ts';

const PROOF = 'fusion-cell-proof.json';

/** The same PDF with its attached proof replaced: what someone editing the file would do. */
async function withProof(pdf: Uint8Array, edit: (proof: any) => void): Promise<Uint8Array> {
  const proof = JSON.parse(Buffer.from((await readPdfAttachments(pdf)).files.get(PROOF)!).toString('utf8'));
  edit(proof);
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const names = document.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  const files = names.lookup(1, PDFDict).lookup(PDFName.of('EF'), PDFDict);
  files.set(PDFName.of('F'), document.context.register(document.context.flateStream(Buffer.from(JSON.stringify(proof)), { Type: 'EmbeddedFile' })));
  return document.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** A base64url signature with one character changed: one byte of it differs. */
function flipped(signature: string): string {
  return `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
}

/** `fusion-cell verify FILE.pdf`: agreed minutes downloaded from a real cell, checked offline. */
describe('verify a downloaded PDF', () => {
  let cell: LoggedInCell;
  let usDuty: TestClient;
  let usChief: TestClient;
  let syHead: TestClient;
  let ilHead: TestClient;
  let directory: string;
  let pdf: Uint8Array;
  let minutes: string;

  const submit = async (client: TestClient, type: string, payload: unknown, refs: string[] = []) => {
    const result = await client.run(['submit', '--type', type, '--compartment', 'plenary', '--track', 'diplomatic', '--payload', '-', '--json', ...refs.flatMap((ref) => ['--ref', ref])], JSON.stringify(payload));
    expect(result.code, output(result)).toBe(0);
    return JSON.parse(result.stdout).id as string;
  };
  const file = (name: string, bytes: Uint8Array) => {
    const target = path.join(directory, name);
    fs.writeFileSync(target, bytes);
    return target;
  };

  beforeAll(async () => {
    cell = await startLoggedInCell('fc-verify-pdf-', ['us.duty1', 'us.chief', 'sy.head', 'il.head']);
    [usDuty, usChief, syHead, ilHead] = cell.clients as [TestClient, TestClient, TestClient, TestClient];
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-verify-pdf-files-'));
    const meeting = await submit(usDuty, 'meeting', {
      round: 6,
      title: 'Round 6',
      startsAt: '2026-03-14T09:00:00.000Z',
      endsAt: '2026-03-14T12:00:00.000Z',
      timeZone: 'Europe/Paris',
      mode: 'remote',
      parties: ['sy', 'il', 'us'],
      agenda: [{ id: 'withdrawal', title: 'Withdrawal' }],
      language: 'en',
    });
    minutes = await submit(usDuty, 'minutes', { meeting, parties: ['sy', 'il', 'us'], sections: [{ agendaItem: 'withdrawal', text: 'Heavy weapons are withdrawn 20 km from the line.', decisions: [{ id: 'd-1', text: 'Withdrawal starts on 15 March.' }] }], language: 'en' }, [meeting]);
    for (const head of [syHead, ilHead, usChief]) await submit(head, 'document.sign', { act: 'signature', version: minutes }, [minutes]);
    const { server, session } = syHead.state();
    const response = await fetch(`${server}/api/v1/documents/${minutes}/pdf`, { headers: { cookie: `fc_session=${session}` } });
    expect(response.status).toBe(200);
    pdf = new Uint8Array(await response.arrayBuffer());
    // Cosigning the logs pins the cell's log key in this client, as any watching client has.
    const cosigned = await syHead.run(['cosign']);
    expect(cosigned.code, output(cosigned)).toBe(0);
    expect(syHead.state().logKeys['paris-2026']).toMatch(/^fusion-cell\/paris-2026\+/);
  }, 120_000);

  afterAll(async () => {
    await cell?.close();
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('verifies a fresh PDF against the log key the client pinned, naming the version and every signature', async () => {
    const result = await syHead.run(['verify', file('minutes.pdf', pdf)]);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('VERIFIED');
    expect(result.stdout).toContain(`version ${minutes}`);
    expect(result.stdout).toContain('the key this client pinned for the cell');
    expect(result.stdout.match(/^ {2}signature of (sy|il|us) by /gm)).toHaveLength(3);
  });

  it('verifies with a key given on the command line, and refuses one the proof is not signed with', async () => {
    const key = syHead.state().logKeys['paris-2026']!;
    const given = await runCli(['verify', file('given.pdf', pdf), '--log-key', key, '--json']);
    expect(given.code, output(given)).toBe(0);
    expect(JSON.parse(given.stdout)).toMatchObject({ kind: 'pdf', ok: true, version: minutes, keyTrust: 'given', signers: ['sy', 'il', 'us'] });

    const other = file('other.key', Buffer.from(`${formatVerifierKey(logKeyName('paris-2026'), generateKeyPair().publicKey)}\n`));
    const wrong = await runCli(['verify', file('wrong-key.pdf', pdf), '--log-key', other]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^FAILED: .*\[log_key_untrusted\] the proof is signed with the log key/);
  });

  it('fails when one byte of a signature in the embedded proof is changed', async () => {
    const tampered = await withProof(pdf, (proof) => {
      const signing = proof.entries[2].signedEnvelope;
      signing.signature = flipped(signing.signature);
    });
    const result = await syHead.run(['verify', file('tampered-signature.pdf', tampered)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAILED: .*\[(inclusion_invalid|signature_invalid)\] entry 2/m);
  });

  it('fails when the version id is changed, or a signature is left out', async () => {
    const renamed = await withProof(pdf, (proof) => {
      proof.document.version = `${minutes.slice(0, 42)}${minutes.endsWith('A') ? 'B' : 'A'}`;
    });
    const result = await syHead.run(['verify', file('renamed.pdf', renamed)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[version_mismatch]');

    const missing = await withProof(pdf, (proof) => {
      proof.entries.pop();
    });
    const unsigned = await syHead.run(['verify', file('missing.pdf', missing)]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toMatch(/\[not_signed_by_all\] .*us still to give signature/);
  });

  it('says so when a PDF carries no proof, and still verifies bundles and proofs as before', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const result = await runCli(['verify', file('plain.pdf', await plain.save())]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[attachment_missing]');

    const notJson = await runCli(['verify', file('notes.txt', Buffer.from('hello'))]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('neither an export bundle');
  });
});
