import { verify as nodeVerify, createPublicKey } from 'node:crypto';
import {
  base64UrlEncode,
  BUNDLE_FORMAT,
  canonicalEnvelopeJson,
  compartmentOrigin,
  formatVerifierKey,
  leafData,
  leafHash,
  logKeyName,
  RootAccumulator,
  signCheckpoint,
  signDeviceAttestation,
  signEnvelope,
  verifyBundle,
  type Bundle,
} from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import { figure, type Figure } from '../results.ts';

const ENTRIES = 100_000;

/**
 * Offline verification of a 100,000-entry bundle against bare `crypto.verify` of the same
 * signatures: the goal is at least 0.4× the raw rate, so checking everything else (schemas,
 * canonical JSON, hashing, device history, checkpoints) costs less than the signatures.
 */
export async function measureVerifyRate(): Promise<Figure[]> {
  const bundle = await makeBundle(ENTRIES);
  const rawRate = rawVerifyRate(bundle);
  const started = performance.now();
  const report = await verifyBundle(JSON.parse(JSON.stringify(bundle)), { verifier: nodeVerifier() });
  const seconds = (performance.now() - started) / 1000;
  if (!report.ok) throw new Error(`bench bundle does not verify: ${JSON.stringify(report.failures.slice(0, 3))}`);
  const rate = ENTRIES / seconds;
  return [figure('verify of a 100,000-entry bundle', rate, 'entries/s', rawRate, '>= 0.4 × raw crypto.verify rate', rate >= 0.4 * rawRate)];
}

function rawVerifyRate(bundle: Bundle): number {
  const device = bundle.devices[0];
  if (!device) throw new Error('no device');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: device.publicKey }, format: 'jwk' });
  const entries = bundle.compartments[0]?.entries ?? [];
  const messages = entries.map((entry) => Buffer.from(`fusion-cell/envelope@1\n${canonicalEnvelopeJson(entry.signedEnvelope.envelope)}`));
  const signatures = entries.map((entry) => Buffer.from(entry.signedEnvelope.signature, 'base64url'));
  const started = performance.now();
  for (let n = 0; n < messages.length; n++) {
    if (!nodeVerify(null, messages[n] as Buffer, key, signatures[n] as Buffer)) throw new Error('raw verify failed');
  }
  return messages.length / ((performance.now() - started) / 1000);
}

async function makeBundle(count: number): Promise<Bundle> {
  const cell = 'bench-cell';
  const log = generateKeyPair();
  const logSigner = { name: logKeyName(cell), publicKey: log.publicKey, sign: nodeSigner(log.privateKey) };
  const author = generateKeyPair();
  const authorSigner = nodeSigner(author.privateKey);
  const approvedAt = '2026-01-06T08:00:00.000Z';
  const attestation = await signDeviceAttestation(
    { kind: 'device.approved', cell, device: 'd_bench', member: 'm_bench', party: 'sy', publicKey: base64UrlEncode(author.publicKey), at: approvedAt },
    { kind: 'log' },
    logSigner.sign,
  );
  const entries: Bundle['compartments'][number]['entries'] = [];
  const accumulator = new RootAccumulator();
  for (let index = 0; index < count; index++) {
    const signedEnvelope = await signEnvelope(
      {
        cell,
        compartment: 'plenary',
        type: 'message',
        track: 'general',
        payload: { text: `position report ${index}: all quiet along the line`, language: 'en' },
        references: [],
        author: 'm_bench',
        device: 'd_bench',
        authoredAt: new Date(Date.parse('2026-01-06T09:00:00.000Z') + index).toISOString(),
      },
      authorSigner,
    );
    entries.push({ index, signedEnvelope });
    accumulator.append(leafHash(leafData(signedEnvelope)));
  }
  const checkpoint = await signCheckpoint({ origin: compartmentOrigin(cell, 'plenary'), size: count, rootHash: accumulator.root() }, logSigner, 1_767_690_000);
  return {
    format: BUNDLE_FORMAT,
    cell,
    party: 'sy',
    exportedAt: '2026-01-07T00:00:00.000Z',
    logKey: formatVerifierKey(logKeyName(cell), log.publicKey),
    devices: [{ id: 'd_bench', member: 'm_bench', party: 'sy', publicKey: base64UrlEncode(author.publicKey), attestations: [attestation] }],
    compartments: [{ id: 'plenary', origin: compartmentOrigin(cell, 'plenary'), parties: ['sy', 'il', 'us'], entries, checkpoints: [checkpoint], cosignatures: [] }],
  };
}
