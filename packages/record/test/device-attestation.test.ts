import { describe, expect, it } from 'vitest';
import {
  attestationSigningInput,
  base64UrlEncode,
  canonicalJson,
  isDeviceValidAt,
  resolveDeviceValidity,
  utf8Decode,
  type DeviceRecord,
  type DeviceStatement,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { at, CELL, TestCell } from './fixtures/test-cell.ts';

const verifier = nodeVerifier();

function records(cell: TestCell): DeviceRecord[] {
  return cell.bundle('syria').devices;
}

describe('device attestations', () => {
  it('[R13] signs "fusion-cell/device-attestation@1\\n" + canonical JSON of the statement', () => {
    const statement: DeviceStatement = {
      kind: 'device.approved',
      cell: CELL,
      device: 'dev-1',
      member: 'm-1',
      party: 'syria',
      publicKey: base64UrlEncode(new Uint8Array(32)),
      at: at(0),
    };
    expect(utf8Decode(attestationSigningInput(statement))).toBe(`fusion-cell/device-attestation@1\n${canonicalJson(statement)}`);
  });

  it('[R14] a device is valid from its approval until its revocation', async () => {
    const cell = new TestCell();
    await cell.device('admin', 'head', 'syria', 0);
    await cell.device('duty', 'duty', 'syria', 10, 'admin');
    await cell.attest('duty', 'device.revoked', 100, 'admin');
    const { validity, problems } = await resolveDeviceValidity(CELL, records(cell), cell.log.publicKey, verifier);
    expect(problems).toEqual([]);
    expect(validity.get('duty')).toEqual({ approvedAt: at(10), revokedAt: at(100) });
    expect(isDeviceValidAt(validity.get('duty'), at(9))).toBe(false);
    expect(isDeviceValidAt(validity.get('duty'), at(10))).toBe(true);
    expect(isDeviceValidAt(validity.get('duty'), at(99))).toBe(true);
    expect(isDeviceValidAt(validity.get('duty'), at(100))).toBe(false);
  });

  it('[R14] a revoked admin can no longer approve, and revocation is final', async () => {
    const cell = new TestCell();
    await cell.device('admin', 'head', 'syria', 0);
    await cell.attest('admin', 'device.revoked', 50);
    await cell.device('late', 'duty', 'syria', 60, 'admin');
    await cell.attest('admin', 'device.approved', 70);
    const { validity, problems } = await resolveDeviceValidity(CELL, records(cell), cell.log.publicKey, verifier);
    expect(problems).toEqual([expect.objectContaining({ device: 'late' })]);
    expect(validity.get('late')).toEqual({});
    expect(isDeviceValidAt(validity.get('admin'), at(80))).toBe(false);
  });

  it('[R14] only devices of the same party may approve, and devices cannot bootstrap each other', async () => {
    const cell = new TestCell();
    await cell.device('il-admin', 'il-head', 'israel', 0);
    await cell.device('sy-x', 'sy-x', 'syria', 10, 'il-admin');
    const first = await resolveDeviceValidity(CELL, records(cell), cell.log.publicKey, verifier);
    expect(first.problems.map((problem) => problem.device)).toEqual(['sy-x']);

    const loop = new TestCell();
    await loop.device('a', 'a', 'syria', 0);
    await loop.device('b', 'b', 'syria', 0, 'a');
    // Replace a's log approval by one signed by b: neither has a root of trust any more.
    const devices = records(loop);
    const a = devices.find((device) => device.id === 'a')!;
    const fromB = await import('../src/index.ts').then(({ signDeviceAttestation }) =>
      signDeviceAttestation(a.attestations[0]!.statement, { kind: 'device', device: 'b' }, loop.devices.get('b')!.signer.sign),
    );
    a.attestations = [fromB];
    const second = await resolveDeviceValidity(CELL, devices, loop.log.publicKey, verifier);
    expect(second.validity.get('a')).toEqual({});
    expect(second.validity.get('b')).toEqual({});
  });

  it('[R14] rejects an attestation filed under another device or with another key', async () => {
    const cell = new TestCell();
    await cell.device('d1', 'm1', 'syria', 0);
    const devices = records(cell);
    devices[0]!.publicKey = base64UrlEncode(new Uint8Array(32).fill(1));
    const { problems } = await resolveDeviceValidity(CELL, devices, cell.log.publicKey, verifier);
    expect(problems[0]!.message).toContain('does not match');
  });
});
