// Benchmarks: offline bundle verification against bare node:crypto verification of the
// same signatures, and proof generation from an in-memory node map at 1,000,000 leaves.
// Run: npx tsx packages/record/test/bench/verify-bench.ts [entries]

import { verify as cryptoVerify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  appendLeaf,
  base64UrlDecode,
  base64UrlEncode,
  compartmentOrigin,
  consistencyProofFromNodes,
  EMPTY_FRONTIER,
  envelopeLeafHash,
  formatVerifierKey,
  inclusionProofFromNodes,
  itemId,
  leafHash,
  logKeyName,
  rootFromFrontier,
  signCheckpoint,
  signDeviceAttestation,
  signingInput,
  verifyBundle,
  verifyConsistency,
  verifyInclusion,
  type Bundle,
  type Envelope,
  type Frontier,
  type SignedEnvelope,
} from '../../src/index.ts';
import { generateKeyPair, nodeSigner, nodeVerifier, publicKeyObject, signSync } from '../../src/node/index.ts';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const CELL = 'paris';
const T0 = Date.UTC(2026, 0, 6, 10);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

async function buildBundle(count: number) {
  const log = generateKeyPair();
  const logSigner = { name: logKeyName(CELL), publicKey: log.publicKey, sign: nodeSigner(log.privateKey) };
  const parties = ['syria', 'israel', 'us'];
  const devices = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const pair = generateKeyPair();
      const party = parties[i % 3]!;
      const record = { id: `device-${i}`, member: `member-${i}`, party, publicKey: base64UrlEncode(pair.publicKey) };
      const attestation = await signDeviceAttestation(
        { kind: 'device.approved', cell: CELL, device: record.id, member: record.member, party, publicKey: record.publicKey, at: iso(0) },
        { kind: 'log' },
        logSigner.sign,
      );
      return { record: { ...record, attestations: [attestation] }, pair };
    }),
  );
  const entries: { index: number; signedEnvelope: SignedEnvelope }[] = [];
  const checkpoints: string[] = [];
  const ids: string[] = [];
  let frontier: Frontier = EMPTY_FRONTIER;
  for (let index = 0; index < count; index++) {
    const device = devices[index % devices.length]!;
    const envelope: Envelope = {
      cell: CELL,
      compartment: 'plenary',
      type: index % 5 === 0 ? 'ack' : 'intel.report',
      track: 'intelligence',
      payload: {
        title: `Observation ${index}`,
        summary: 'Vehicles observed moving along the road north of the crossing, no weapons visible.',
        tlp: 'AMBER',
        reliability: 'B',
        credibility: 2,
        observedAt: iso(index * 1000),
        location: { type: 'Point', coordinates: [35.8 + (index % 100) / 1000, 33.1] },
      },
      references: index > 0 && index % 5 === 0 ? [ids[index - 1]!] : [],
      author: device.record.member,
      device: device.record.id,
      authoredAt: iso(1000 + index * 10),
    };
    const signedEnvelope = { envelope, signature: base64UrlEncode(signSync(device.pair.privateKey, signingInput(envelope))) };
    entries.push({ index, signedEnvelope });
    ids.push(itemId(signedEnvelope));
    frontier = appendLeaf(frontier, envelopeLeafHash(signedEnvelope)).frontier;
    if ((index + 1) % 1000 === 0 || index === count - 1) {
      checkpoints.push(
        await signCheckpoint(
          { origin: compartmentOrigin(CELL, 'plenary'), size: frontier.size, rootHash: rootFromFrontier(frontier) },
          logSigner,
          Math.floor((T0 + 2000 + index * 10) / 1000),
        ),
      );
    }
  }
  const bundle: Bundle = {
    format: 'fusion-cell/bundle@1',
    cell: CELL,
    party: 'syria',
    exportedAt: iso(10_000_000),
    logKey: formatVerifierKey(logSigner.name, logSigner.publicKey),
    devices: devices.map((device) => device.record),
    compartments: [{ id: 'plenary', origin: compartmentOrigin(CELL, 'plenary'), parties, entries, checkpoints, cosignatures: [] }],
  };
  return { bundle, devices };
}

async function benchVerify(): Promise<void> {
  console.log(`building a bundle of ${ENTRIES} entries…`);
  const { bundle, devices } = await buildBundle(ENTRIES);
  const text = JSON.stringify(bundle);
  console.log(`bundle: ${(text.length / 1e6).toFixed(1)} MB of JSON`);

  // Baseline: bare crypto.verify of the same messages and signatures, keys prepared.
  const keys = new Map(devices.map((device) => [device.record.id, publicKeyObject(device.pair.publicKey)]));
  const inputs = bundle.compartments[0]!.entries.map(({ signedEnvelope }) => ({
    key: keys.get(signedEnvelope.envelope.device)!,
    message: signingInput(signedEnvelope.envelope),
    signature: base64UrlDecode(signedEnvelope.signature),
  }));
  const rounds = 3;
  let bare = Infinity;
  let full = Infinity;
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    for (const { key, message, signature } of inputs) {
      if (!cryptoVerify(null, message, key, signature)) throw new Error('baseline failed');
    }
    bare = Math.min(bare, performance.now() - start);
    const parsed: unknown = JSON.parse(text);
    start = performance.now();
    const report = await verifyBundle(parsed, { verifier: nodeVerifier() });
    full = Math.min(full, performance.now() - start);
    if (!report.ok) throw new Error(JSON.stringify(report.failures.slice(0, 3)));
  }
  const bareRate = ENTRIES / (bare / 1000);
  const fullRate = ENTRIES / (full / 1000);
  console.log(`bare crypto.verify: ${bare.toFixed(0)} ms (${bareRate.toFixed(0)} signatures/s)`);
  console.log(`verifyBundle:       ${full.toFixed(0)} ms (${fullRate.toFixed(0)} entries/s)`);
  console.log(`ratio: ${(fullRate / bareRate).toFixed(2)} of bare crypto.verify`);
}

function benchProofs(): void {
  const size = 1_000_000;
  const nodes = new Map<number, Uint8Array>();
  // Key (level, index) as one number: index < 2^20 at every level here.
  const key = (level: number, index: number) => level * 2 ** 21 + index;
  let frontier = EMPTY_FRONTIER;
  const frontiers = new Map<number, Frontier>();
  let start = performance.now();
  for (let i = 0; i < size; i++) {
    const appended = appendLeaf(frontier, leafHash(new Uint8Array([i & 255, (i >> 8) & 255, i >> 16])));
    for (const node of appended.nodes) nodes.set(key(node.level, node.index), node.hash);
    frontier = appended.frontier;
    if (frontier.size % 99_991 === 0) frontiers.set(frontier.size, frontier);
  }
  console.log(`appended ${size} leaves (${nodes.size} perfect nodes) in ${(performance.now() - start).toFixed(0)} ms`);
  const lookup = (level: number, index: number) => nodes.get(key(level, index));
  const root = rootFromFrontier(frontier);

  const samples = 10_000;
  start = performance.now();
  for (let s = 0; s < samples; s++) {
    const index = Math.floor((s * 7919 * 104_729) % size);
    const proof = inclusionProofFromNodes(index, size, lookup);
    if (s % 1000 === 0 && !verifyInclusion(lookup(0, index)!, index, size, proof, root)) throw new Error('inclusion');
  }
  const inclusion = (performance.now() - start) / samples;
  start = performance.now();
  const sizes = [...frontiers.keys()];
  for (let s = 0; s < samples; s++) {
    const m = sizes[s % sizes.length]!;
    const proof = consistencyProofFromNodes(m, size, lookup);
    if (s < sizes.length && !verifyConsistency(m, size, proof, rootFromFrontier(frontiers.get(m)!), root)) {
      throw new Error('consistency');
    }
  }
  const consistency = (performance.now() - start) / samples;
  console.log(`inclusion proof at 1,000,000 leaves: ${(inclusion * 1000).toFixed(1)} µs each`);
  console.log(`consistency proof to 1,000,000 leaves: ${(consistency * 1000).toFixed(1)} µs each`);
}

await benchVerify();
benchProofs();
