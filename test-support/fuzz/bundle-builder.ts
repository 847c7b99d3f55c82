// Export bundles (SPEC.md R15) of generated cells: parties with devices approved by the log key
// or by their party's first device, compartments with signed entries that reference earlier
// ones, checkpoints (the last covering every entry) and device cosignatures. Every bundle
// built from a plan is valid; the mutations in bundle-mutations.ts break them.

import {
  appendLeaf,
  base64UrlEncode,
  compartmentOrigin,
  cosignCheckpoint,
  cosignerName,
  EMPTY_FRONTIER,
  envelopeLeafHash,
  formatVerifierKey,
  itemId,
  logKeyName,
  parseSignedNote,
  rootFromFrontier,
  signCheckpoint,
  signDeviceAttestation,
  signEnvelope,
  type Bundle,
  type BundleDevice,
  type Envelope,
  type SignedEnvelope,
} from '@fusion-cell/record';
import fc from 'fast-check';
import { jsonObject } from './envelopes.ts';
import { validItems } from './item-payloads.ts';
import { fuzzKey, namedSigner, type FuzzKey } from './signing-keys.ts';

/** 2026-01-06T10:00:00Z in POSIX seconds: every generated cell starts then. */
const T0 = Date.UTC(2026, 0, 6, 10) / 1000;
const at = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();

interface EntryPlan {
  /** Index into the authors who may write in the compartment (the cell's log key last). */
  author: number;
  item: { type: string; track: string; payload: Record<string, unknown> };
  /** Positions among the items entered before it, anywhere in the bundle. */
  references: number[];
  checkpointAfter: boolean;
  /** Index into the compartment's devices that cosign the checkpoint after this entry, if any. */
  cosigner: number | undefined;
}

export interface CellPlan {
  cell: string;
  /** The first party exports the bundle. */
  parties: string[];
  /** Per party: one or two devices; a second is approved by the first, and may be revoked at the end. */
  secondDevice: boolean[];
  revokeSecond: boolean[];
  compartments: Array<{ id: string; withParty: boolean[]; entries: EntryPlan[] }>;
}

const lowerId = (max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9]{0,${max}}$`));

const entryPlan: fc.Arbitrary<EntryPlan> = fc.record({
  author: fc.nat({ max: 20 }),
  item: fc.oneof(
    { weight: 3, arbitrary: validItems },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('intel.report', 'note'), track: fc.constantFrom('intelligence', 'general'), payload: jsonObject }) },
  ),
  references: fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 2 }),
  checkpointAfter: fc.boolean(),
  cosigner: fc.option(fc.nat({ max: 10 }), { nil: undefined }),
});

export const cellPlans: fc.Arbitrary<CellPlan> = fc
  .record({
    cell: lowerId(10),
    parties: fc.uniqueArray(lowerId(6), { minLength: 1, maxLength: 3 }),
    secondDevice: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    revokeSecond: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    compartments: fc.uniqueArray(
      fc.record({ id: lowerId(10), withParty: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), entries: fc.array(entryPlan, { maxLength: 5 }) }),
      { minLength: 1, maxLength: 3, selector: (compartment) => compartment.id },
    ),
  });

interface BuiltDevice {
  record: BundleDevice;
  key: FuzzKey;
}

export interface BuiltCell {
  bundle: Bundle;
  logKey: string;
  /** Per compartment, its entries in order (for proofs). */
  entries: Map<string, SignedEnvelope[]>;
}

async function buildDevices(plan: CellPlan, log: ReturnType<typeof namedSigner>): Promise<BuiltDevice[]> {
  const devices: BuiltDevice[] = [];
  for (const [index, party] of plan.parties.entries()) {
    const count = plan.secondDevice[index] ? 2 : 1;
    let first: BuiltDevice | undefined;
    for (let number = 0; number < count; number += 1) {
      const id = `${party}-d${number}`;
      const key = fuzzKey(`${plan.cell}/${id}`);
      const record: BundleDevice = { id, member: `${party}-m${number}`, party, publicKey: base64UrlEncode(key.publicKey), attestations: [] };
      const statement = (kind: 'device.approved' | 'device.revoked', seconds: number) => ({
        kind,
        cell: plan.cell,
        device: id,
        member: record.member,
        party,
        publicKey: record.publicKey,
        at: at(seconds),
      });
      record.attestations.push(
        first
          ? await signDeviceAttestation(statement('device.approved', 1), { kind: 'device', device: first.record.id }, async (message) => first!.key.signNow(message))
          : await signDeviceAttestation(statement('device.approved', 0), { kind: 'log' }, log.sign),
      );
      if (first && plan.revokeSecond[index]) {
        // Revoked long after everything it signed was logged and checkpointed.
        record.attestations.push(await signDeviceAttestation(statement('device.revoked', 1_000_000), { kind: 'log' }, log.sign));
      }
      const device = { record, key };
      first ??= device;
      devices.push(device);
    }
  }
  return devices;
}

/** Signs everything a plan describes and exports the bundle for its first party. */
export async function buildCell(plan: CellPlan): Promise<BuiltCell> {
  const log = namedSigner(logKeyName(plan.cell), fuzzKey(`${plan.cell}/log`));
  const logKey = formatVerifierKey(log.name, log.publicKey);
  const devices = await buildDevices(plan, log);
  const exporter = plan.parties[0]!;
  const itemIds: string[] = [];
  const entries = new Map<string, SignedEnvelope[]>();
  let clock = 100;
  const compartments: Bundle['compartments'] = [];
  for (const compartment of plan.compartments) {
    const parties = plan.parties.filter((party, index) => party === exporter || compartment.withParty[index]);
    const writers = devices.filter((device) => parties.includes(device.record.party));
    const origin = compartmentOrigin(plan.cell, compartment.id);
    const signed: SignedEnvelope[] = [];
    const checkpoints: string[] = [];
    const cosignatures: Bundle['compartments'][number]['cosignatures'] = [];
    let frontier = EMPTY_FRONTIER;
    for (const [position, entry] of compartment.entries.entries()) {
      clock += 10;
      const writer = writers[entry.author % (writers.length + 1)];
      const references = [...new Set(entry.references.filter((reference) => reference < itemIds.length).map((reference) => itemIds[reference]!))];
      const envelope: Envelope = {
        cell: plan.cell,
        compartment: compartment.id,
        type: entry.item.type,
        track: entry.item.track,
        payload: entry.item.payload as Envelope['payload'],
        references,
        author: writer ? writer.record.member : '@cell',
        device: writer ? writer.record.id : '@log',
        authoredAt: at(clock),
      };
      const item = await signEnvelope(envelope, writer ? async (message) => writer.key.signNow(message) : log.sign);
      signed.push(item);
      itemIds.push(itemId(item));
      frontier = appendLeaf(frontier, envelopeLeafHash(item)).frontier;
      const last = position === compartment.entries.length - 1;
      if (entry.checkpointAfter || last) {
        clock += 1;
        const note = await signCheckpoint({ origin, size: frontier.size, rootHash: rootFromFrontier(frontier) }, log, T0 + clock);
        checkpoints.push(note);
        const cosigner = entry.cosigner === undefined ? undefined : writers[entry.cosigner % writers.length];
        if (cosigner) {
          const name = cosignerName(plan.cell, cosigner.record.party, cosigner.record.id);
          const line = await cosignCheckpoint(parseSignedNote(note).text, namedSigner(name, cosigner.key), T0 + clock + 1);
          cosignatures.push({ party: cosigner.record.party, device: cosigner.record.id, checkpointSize: frontier.size, line });
        }
      }
    }
    if (compartment.entries.length === 0) {
      checkpoints.push(await signCheckpoint({ origin, size: 0, rootHash: rootFromFrontier(frontier) }, log, T0 + clock));
    }
    entries.set(compartment.id, signed);
    compartments.push({
      id: compartment.id,
      origin,
      parties,
      entries: signed.map((signedEnvelope, index) => ({ index, signedEnvelope })),
      checkpoints,
      cosignatures,
    });
  }
  const bundle: Bundle = {
    format: 'fusion-cell/bundle@1',
    cell: plan.cell,
    party: exporter,
    exportedAt: at(clock + 3600),
    logKey,
    devices: devices.map((device) => device.record),
    compartments,
  };
  return { bundle, logKey, entries };
}
