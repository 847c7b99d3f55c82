import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  compartmentOrigin,
  EMPTY_FRONTIER,
  envelopeLeafHash,
  FAILURE_CODES,
  FAILURE_RULES,
  formatReport,
  itemId,
  rootFromFrontier,
  signCheckpoint,
  verifyBundle,
  webCryptoVerifier,
  type Bundle,
  type FailureCode,
  type VerificationReport,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { CELL, exampleCell, namedSigner, T0, type TestCell } from './fixtures/test-cell.ts';

type Json = Record<string, any>;

const verifier = nodeVerifier();
const verify = (bundle: unknown) => verifyBundle(JSON.parse(JSON.stringify(bundle)), { verifier });
const codes = (report: VerificationReport) => [...new Set(report.failures.map((failure) => failure.code))].sort();
const clone = (bundle: Bundle): Json => JSON.parse(JSON.stringify(bundle)) as Json;
const plenary = (bundle: Json): Json => bundle.compartments.find((c: Json) => c.id === 'plenary');

async function expectOnly(bundle: unknown, expected: FailureCode[]): Promise<VerificationReport> {
  const report = await verify(bundle);
  expect(report.ok).toBe(false);
  expect(codes(report)).toEqual([...expected].sort());
  for (const failure of report.failures) expect(failure.rule).toBe(FAILURE_RULES[failure.code]);
  return report;
}

describe('verifyBundle: a sound bundle', () => {
  it('[R16–R38] verifies every signature, checkpoint and cosignature of an untampered bundle', async () => {
    const cell = await exampleCell();
    const report = await verify(cell.bundle('syria'));
    expect(report).toEqual({ ok: true, checked: { entries: 5, checkpoints: 3, cosignatures: 2, devices: 4 }, failures: [] });
    expect(formatReport(report)).toContain('VERIFIED');
  });

  it('[R30] gives the same verdicts with the WebCrypto suite (asynchronous verifier)', async () => {
    const cell = await exampleCell();
    expect((await verifyBundle(cell.bundle('israel'), { verifier: webCryptoVerifier() })).ok).toBe(true);
    const bundle = clone(cell.bundle('israel'));
    plenary(bundle).entries[2].signedEnvelope.envelope.payload.title = 'changed';
    const report = await verifyBundle(bundle, { verifier: webCryptoVerifier() });
    expect(codes(report)).toEqual(['checkpoint_root_mismatch', 'entry_signature_invalid']);
  });

  it('lists a closed set of failure codes, each with its rule', () => {
    expect(FAILURE_CODES).toHaveLength(23);
    expect(new Set(Object.values(FAILURE_RULES)).size).toBe(FAILURE_CODES.length);
  });
});

describe('verifyBundle: one test per failure code', () => {
  it('[R16] bundle_malformed: reports shape problems with the compartment and entry', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).entries[1].index = -1;
    const report = await expectOnly(bundle, ['bundle_malformed']);
    expect(report.failures[0]).toMatchObject({ compartment: 'plenary', index: 1 });
    await expectOnly({ ...clone(cell.bundle('syria')), extra: true }, ['bundle_malformed']);
    await expectOnly('not a bundle', ['bundle_malformed']);
  });

  it('[R17] log_key_invalid: a key of another name or a mangled key', async () => {
    const cell = await exampleCell();
    const other = namedSigner('fusion-cell/elsewhere', 'log');
    const { formatVerifierKey } = await import('../src/index.ts');
    await expectOnly({ ...cell.bundle('syria'), logKey: formatVerifierKey(other.name, other.publicKey) }, ['log_key_invalid']);
    await expectOnly({ ...cell.bundle('syria'), logKey: `${cell.logKey.slice(0, -2)}AA` }, ['log_key_invalid']);
  });

  it('[R18] compartment_invalid: wrong origin, or the exporting party is not in the audience', async () => {
    const cell = await exampleCell();
    // Syria's export presented as Israel's: Israel is not in Syria's caucus.
    const report = await expectOnly({ ...cell.bundle('syria'), party: 'israel' }, ['compartment_invalid']);
    expect(report.failures[0]).toMatchObject({ compartment: 'caucus-syria' });
    const renamed = clone(cell.bundle('syria'));
    plenary(renamed).origin = compartmentOrigin(CELL, 'other');
    // Checkpoints name the real origin, so they no longer belong to this compartment either.
    expect(codes(await verify(renamed))).toContain('compartment_invalid');
  });

  it('[R19] checkpoint_malformed: a checkpoint of another compartment, or with extension lines', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const caucus = bundle.compartments.find((c: Json) => c.id === 'caucus-syria');
    plenary(bundle).checkpoints.push(caucus.checkpoints[0]);
    await expectOnly(bundle, ['checkpoint_malformed']);
    const extended = clone(cell.bundle('syria'));
    plenary(extended).checkpoints[0] = plenary(extended).checkpoints[0].replace('=\n\n', '=\nextension\n\n');
    await expectOnly(extended, ['checkpoint_malformed']);
  });

  it('[R20] checkpoint_signature_invalid: a forged checkpoint', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const forger = namedSigner(cell.log.name, 'not the log key');
    const entries = plenary(bundle).entries.slice(0, 2).map((entry: Json) => entry.signedEnvelope);
    let frontier = EMPTY_FRONTIER;
    for (const signed of entries) frontier = appendLeaf(frontier, envelopeLeafHash(signed)).frontier;
    const forged = await signCheckpoint(
      { origin: compartmentOrigin(CELL, 'plenary'), size: 2, rootHash: rootFromFrontier(frontier) },
      forger,
      T0 + 121,
    );
    plenary(bundle).checkpoints.splice(1, 0, forged);
    await expectOnly(bundle, ['checkpoint_signature_invalid']);
    // The log's signature over a different text (root changed) fails too.
    const altered = clone(cell.bundle('syria'));
    const [head, rest] = plenary(altered).checkpoints[0].split('\n\n');
    const lines = head.split('\n');
    lines[2] = lines[2].startsWith('A') ? `B${lines[2].slice(1)}` : `A${lines[2].slice(1)}`;
    plenary(altered).checkpoints[0] = `${lines.join('\n')}\n\n${rest}`;
    await expectOnly(altered, ['checkpoint_signature_invalid']);
  });

  it('[R21] checkpoint_order: checkpoints out of order', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).checkpoints.reverse();
    await expectOnly(bundle, ['checkpoint_order']);
  });

  it('[R22] entry_index_gap: a deleted entry', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).entries.splice(1, 1);
    const report = await verify(bundle);
    expect(codes(report)).toEqual(expect.arrayContaining(['entry_index_gap', 'checkpoint_root_mismatch', 'entries_missing']));
    expect(report.failures.filter((f) => f.code === 'entry_index_gap')).toEqual([
      expect.objectContaining({ compartment: 'plenary', index: 2 }),
    ]);
  });

  it('[R23] envelope_malformed: an unknown field, or a payload over 64 KiB', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).entries[2].signedEnvelope.envelope.priority = 'high';
    const report = await expectOnly(bundle, ['envelope_malformed', 'checkpoint_root_mismatch']);
    expect(report.failures.find((f) => f.code === 'envelope_malformed')).toMatchObject({ compartment: 'plenary', index: 2 });
    const big = clone(cell.bundle('syria'));
    plenary(big).entries[2].signedEnvelope.envelope.payload.body = 'x'.repeat(70_000);
    await expectOnly(big, ['envelope_malformed', 'checkpoint_root_mismatch']);
  });

  it('[R24] envelope_location_mismatch: an item filed in a compartment it was not signed for', async () => {
    const cell = await exampleCell();
    cell.appendSigned('plenary', await cell.sign('caucus-syria', 'sy-duty-1', 160));
    await cell.checkpoint('plenary', 170);
    await expectOnly(cell.bundle('syria'), ['envelope_location_mismatch']);
  });

  it('[R25] device_attestation_invalid: a tampered attestation, or one signed by another party', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const device = bundle.devices.find((d: Json) => d.id === 'us-duty-1');
    device.attestations[0].statement.at = '2026-01-06T09:00:00.000Z';
    // The device's approval no longer holds, so its entry fails too.
    await expectOnly(bundle, ['device_attestation_invalid', 'device_not_valid']);
    await cell.device('il-rogue', 'il-duty', 'israel', 20, 'sy-admin');
    await expectOnly(cell.bundle('syria'), ['device_attestation_invalid']);
  });

  it('[R26] device_unknown: an entry by a device missing from the bundle', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    bundle.devices = bundle.devices.filter((d: Json) => d.id !== 'us-duty-1');
    await expectOnly(bundle, ['device_unknown']);
  });

  it('[R27] device_member_mismatch: an entry signed by a device of another member', async () => {
    const cell = await exampleCell();
    await cell.append('plenary', 'sy-duty-1', 160, { author: 'sy-head' });
    await cell.checkpoint('plenary', 170);
    const report = await expectOnly(cell.bundle('syria'), ['device_member_mismatch']);
    expect(report.failures[0]).toMatchObject({ compartment: 'plenary', index: 4 });
  });

  it('[R28] author_not_in_compartment: a party writing into a caucus it is not in', async () => {
    const cell = await exampleCell();
    await cell.append('caucus-syria', 'il-duty-1', 160);
    await cell.checkpoint('caucus-syria', 170);
    await expectOnly(cell.bundle('syria'), ['author_not_in_compartment']);
  });

  it('[R29] device_not_valid: an entry signed by a revoked device, or backdated before its revocation', async () => {
    const cell = await exampleCell();
    await cell.attest('sy-duty-1', 'device.revoked', 200, 'sy-admin');
    await cell.append('plenary', 'sy-duty-1', 210);
    await cell.checkpoint('plenary', 220);
    const report = await expectOnly(cell.bundle('syria'), ['device_not_valid']);
    expect(report.failures[0]).toMatchObject({ compartment: 'plenary', index: 4 });

    const backdated = await exampleCell();
    await backdated.attest('sy-duty-1', 'device.revoked', 200, 'sy-admin');
    await backdated.append('plenary', 'us-duty-1', 205);
    await backdated.checkpoint('plenary', 206);
    // Claims to be authored before the revocation, but is logged after a checkpoint signed after it.
    await backdated.append('plenary', 'sy-duty-1', 190);
    await backdated.checkpoint('plenary', 220);
    const second = await expectOnly(backdated.bundle('syria'), ['device_not_valid']);
    expect(second.failures[0]!.message).toContain('logged after');
  });

  it('[R30] entry_signature_invalid: a changed payload byte', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const entry = plenary(bundle).entries[2].signedEnvelope.envelope;
    entry.payload.body = entry.payload.body.replace('M', 'N');
    const report = await expectOnly(bundle, ['entry_signature_invalid', 'checkpoint_root_mismatch']);
    expect(report.failures.find((f) => f.code === 'entry_signature_invalid')).toMatchObject({ index: 2 });
  });

  it('[R31] entry_duplicate: the same signed item appended twice', async () => {
    const cell = await exampleCell();
    cell.appendSigned('plenary', cell.compartments.get('plenary')!.entries[0]!);
    await cell.checkpoint('plenary', 170);
    await expectOnly(cell.bundle('syria'), ['entry_duplicate']);
  });

  it('[R32] checkpoint_root_mismatch: two swapped entries', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const entries = plenary(bundle).entries;
    [entries[2].signedEnvelope, entries[3].signedEnvelope] = [entries[3].signedEnvelope, entries[2].signedEnvelope];
    await expectOnly(bundle, ['checkpoint_root_mismatch']);
  });

  it('[R33] entries_missing: the last entries cut off', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).entries.pop();
    // The cosignature of that checkpoint still verifies against the log's own checkpoint.
    const report = await expectOnly(bundle, ['entries_missing']);
    expect(report.failures[0]).toMatchObject({ compartment: 'plenary', index: 3 });
  });

  it('[R34] entry_not_checkpointed: entries after the last checkpoint', async () => {
    const cell = await exampleCell();
    await cell.append('plenary', 'us-duty-1', 200);
    const report = await expectOnly(cell.bundle('syria'), ['entry_not_checkpointed']);
    expect(report.failures[0]).toMatchObject({ compartment: 'plenary', index: 4 });
  });

  it('[R35] split_view: two checkpoints of one size with different roots, one cosigned by another party', async () => {
    const cell = await exampleCell();
    const real = cell.compartments.get('plenary')!;
    // The operator shows Israel another history: the same first three entries, another fourth.
    const other = await cell.sign('plenary', 'us-duty-1', 131, { payload: { title: 'a different fourth item' } });
    let frontier = EMPTY_FRONTIER;
    for (const signed of [...real.entries.slice(0, 3), other]) frontier = appendLeaf(frontier, envelopeLeafHash(signed)).frontier;
    const forked = await signCheckpoint(
      { origin: compartmentOrigin(CELL, 'plenary'), size: 4, rootHash: rootFromFrontier(frontier) },
      cell.log,
      T0 + 150,
    );
    real.checkpoints.push(forked);
    await cell.cosign('plenary', 'il-duty-1', forked, 151);
    const report = await expectOnly(cell.bundle('syria'), ['split_view']);
    expect(report.failures).toHaveLength(2);
    expect(report.failures.map((f) => f.message).join('\n')).toContain('cosignature 2 by israel/il-duty-1');
  });

  it('[R36] cosignature_invalid: a tampered line, or a device cosigning for another party', async () => {
    const cell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    const line: string = plenary(bundle).cosignatures[0].line;
    plenary(bundle).cosignatures[0].line = line.slice(0, -6) + (line.at(-6) === 'A' ? 'B' : 'A') + line.slice(-5);
    await expectOnly(bundle, ['cosignature_invalid']);
    const impostor = clone(cell.bundle('syria'));
    plenary(impostor).cosignatures[1].party = 'israel';
    await expectOnly(impostor, ['cosignature_invalid']);
  });

  it('[R37] reference_not_earlier: a reference to a later entry of the same log', async () => {
    const cell = await exampleCell();
    const later = await cell.sign('plenary', 'us-duty-1', 160);
    await cell.append('plenary', 'sy-duty-1', 161, { references: [itemId(later)] });
    cell.appendSigned('plenary', later);
    await cell.checkpoint('plenary', 170);
    await expectOnly(cell.bundle('syria'), ['reference_not_earlier']);
  });

  it('[R38] reference_unresolved: only for references the exporting party itself wrote', async () => {
    const cell = await exampleCell();
    const nowhere = itemId(await cell.sign('plenary', 'us-duty-1', 1));
    await cell.append('plenary', 'sy-duty-1', 160, { references: [nowhere] });
    await cell.append('plenary', 'il-duty-1', 161, { references: [nowhere] });
    await cell.checkpoint('plenary', 170);
    const report = await expectOnly(cell.bundle('syria'), ['reference_unresolved']);
    expect(report.failures).toEqual([expect.objectContaining({ compartment: 'plenary', index: 4 })]);
    // Israel's reference may point into a compartment Syria is not in: not a failure for Syria,
    // but Israel's own bundle reports its own unresolved reference.
    const israel = await expectOnly(cell.bundle('israel'), ['reference_unresolved']);
    expect(israel.failures).toEqual([expect.objectContaining({ index: 5 })]);
  });
});

describe('formatReport', () => {
  it('prints one line per failure with its rule, code and place', async () => {
    const cell: TestCell = await exampleCell();
    const bundle = clone(cell.bundle('syria'));
    plenary(bundle).entries[2].signedEnvelope.envelope.payload.title = 'changed';
    const text = formatReport(await verify(bundle));
    expect(text).toMatch(/^FAILED: 2 failure\(s\)/);
    expect(text).toContain('[R30] entry_signature_invalid (plenary #2): signature does not verify');
    expect(text).toContain('[R32] checkpoint_root_mismatch (plenary)');
  });
});
