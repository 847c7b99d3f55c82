import { describe, expect, it } from 'vitest';
import {
  cosignCheckpoint,
  cosignerName,
  isDeviceValidDuringSecond,
  openCheckpoint,
  readCosignatureLine,
  resolveKnownDevices,
  type KnownDevice,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { at, CELL, namedSigner, T0, TestCell } from './fixtures/test-cell.ts';

const verifier = nodeVerifier();

/** A plenary of syria and israel with one checkpoint, and a directory of devices as a server lists them. */
async function setUp() {
  const cell = new TestCell().compartment('plenary', ['syria', 'israel']);
  await cell.device('sy-admin', 'sy-head', 'syria', 0);
  await cell.device('sy-duty', 'sy-duty', 'syria', 10.3, 'sy-admin');
  await cell.device('il-duty', 'il-duty', 'israel', 0);
  await cell.device('us-duty', 'us-duty', 'us', 0);
  await cell.attest('il-duty', 'device.revoked', 200);
  await cell.append('plenary', 'sy-duty', 20);
  const note = await cell.checkpoint('plenary', 30);
  const checkpoint = await openCheckpoint(note, cell.logKey, verifier);
  const listed = cell.bundle('syria').devices;
  return { cell, checkpoint, listed };
}

async function line(cell: TestCell, text: string, device: string, seconds: number, party = cell.devices.get(device)!.party): Promise<{ name: string; line: string }> {
  const signer = { ...cell.devices.get(device)!.signer, name: cosignerName(CELL, party, device) };
  return { name: signer.name, line: await cosignCheckpoint(text, signer, T0 + seconds) };
}

describe('the devices a client knows', () => {
  it('[R14] replays each listed device’s attestations; the server’s word is not taken', async () => {
    const { cell, listed } = await setUp();
    const known = await resolveKnownDevices(CELL, listed, cell.log.publicKey, verifier);
    expect(known.get('sy-duty')).toMatchObject({ member: 'sy-duty', party: 'syria', validity: { approvedAt: at(10.3) } });
    expect(known.get('il-duty')?.validity).toEqual({ approvedAt: at(0), revokedAt: at(200) });
    // Attestations that do not parse are dropped, which leaves the device never approved.
    const garbled = listed.map((device) => (device.id === 'sy-duty' ? { ...device, attestations: [{ statement: 'approved, trust me' }] } : device));
    expect((await resolveKnownDevices(CELL, garbled, cell.log.publicKey, verifier)).get('sy-duty')?.validity).toEqual({});
    // Attestations signed by another key than the pinned log key do not count either.
    const other = namedSigner(cell.log.name, 'another log');
    expect((await resolveKnownDevices(CELL, listed, other.publicKey, verifier)).get('il-duty')?.validity).toEqual({});
    // A key that does not decode leaves the device out.
    const badKey = listed.map((device) => (device.id === 'us-duty' ? { ...device, publicKey: '***' } : device));
    expect((await resolveKnownDevices(CELL, badKey, cell.log.publicKey, verifier)).has('us-duty')).toBe(false);
  });

  it('[R36] judges a device at the last millisecond of a cosignature’s second', () => {
    const validity = { approvedAt: at(10.3), revokedAt: at(100) };
    expect(isDeviceValidDuringSecond(validity, T0 + 9)).toBe(false);
    expect(isDeviceValidDuringSecond(validity, T0 + 10)).toBe(true);
    expect(isDeviceValidDuringSecond(validity, T0 + 99)).toBe(true);
    expect(isDeviceValidDuringSecond(validity, T0 + 100)).toBe(false);
    expect(isDeviceValidDuringSecond(undefined, T0 + 10)).toBe(false);
  });
});

describe("reading a party device's cosignature line", () => {
  async function reader(devices?: Map<string, KnownDevice>) {
    const setup = await setUp();
    const known = devices ?? (await resolveKnownDevices(CELL, setup.listed, setup.cell.log.publicKey, verifier));
    const context = { cellId: CELL, parties: ['syria', 'israel'], devices: known, verifier };
    return { ...setup, read: (signature: { name: string; line: string }) => readCosignatureLine(setup.checkpoint, signature, context) };
  }

  it('[R11][R36] counts a line by a valid device of a party of the compartment, with its time', async () => {
    const { cell, checkpoint, read } = await reader();
    expect(await read(await line(cell, checkpoint.text, 'il-duty', 40))).toEqual({
      party: 'israel',
      device: 'il-duty',
      known: expect.objectContaining({ party: 'israel' }),
      time: T0 + 40,
    });
    // Approved at 10.3 s, cosigned within second 10: valid.
    const withinApprovalSecond = await read(await line(cell, checkpoint.text, 'sy-duty', 10));
    expect(withinApprovalSecond).toMatchObject({ time: T0 + 10 });
    expect(withinApprovalSecond).not.toHaveProperty('problem');
  });

  it('[R36] does not count a line by a device that was not valid at its time', async () => {
    const { cell, checkpoint, read } = await reader();
    expect(await read(await line(cell, checkpoint.text, 'sy-duty', 9))).toMatchObject({ problem: 'device_not_valid', time: T0 + 9 });
    expect(await read(await line(cell, checkpoint.text, 'il-duty', 200))).toMatchObject({ problem: 'device_not_valid', time: T0 + 200 });
  });

  it('[R36] does not count a line by a party outside the compartment, an unknown device, or another party’s device', async () => {
    const { cell, checkpoint, read } = await reader();
    expect(await read(await line(cell, checkpoint.text, 'us-duty', 40))).toMatchObject({ party: 'us', problem: 'party_not_in_compartment', time: undefined });
    expect(await read(await line(cell, checkpoint.text, 'il-duty', 40, 'syria'))).toMatchObject({ problem: 'device_party_mismatch', known: expect.objectContaining({ party: 'israel' }) });
    const { cell: other, checkpoint: same, read: readWithout } = await reader(new Map());
    expect(await readWithout(await line(other, same.text, 'il-duty', 40))).toMatchObject({ problem: 'device_unknown', known: undefined });
  });

  it('[R11] does not count a line that does not verify over this checkpoint', async () => {
    const { cell, checkpoint, read } = await reader();
    const otherText = checkpoint.text.replace(`\n${checkpoint.size}\n`, `\n${checkpoint.size + 1}\n`);
    expect(await read(await line(cell, otherText, 'il-duty', 40))).toMatchObject({ problem: 'signature_invalid', time: undefined });
  });

  it('leaves lines by other keys alone: the log key, and cosigners outside this cell', async () => {
    const { cell, checkpoint, read } = await reader();
    for (const signature of checkpoint.note.signatures) expect(await read(signature)).toBeUndefined();
    const foreign = { ...cell.devices.get('il-duty')!.signer, name: 'fusion-cell/other-cell/israel/il-duty' };
    expect(await read({ name: foreign.name, line: await cosignCheckpoint(checkpoint.text, foreign, T0 + 40) })).toBeUndefined();
    expect(await read({ name: 'witness.example/w1', line: '— witness.example/w1 AAAA' })).toBeUndefined();
  });
});
