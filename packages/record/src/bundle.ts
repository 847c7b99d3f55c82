// The export bundle (SPEC.md R15): everything a party needs to verify, offline, every
// compartment it belongs to.

import { z } from 'zod';
import { DeviceAttestation } from './device-attestation.ts';
import { SignedEnvelope } from './envelope-schema.ts';
import { Identifier, PublicKeyText, UtcMillis } from './schema-parts.ts';

export const BUNDLE_FORMAT = 'fusion-cell/bundle@1';

/** Generous bounds: they exist to refuse absurd input, not to limit a real cell. */
const MAX_ENTRIES = 10_000_000;
const MAX_NOTE_LENGTH = 16 * 1024;
const MAX_SIGNATURE_LINE_LENGTH = 1024;

export const BundleDevice = z.strictObject({
  id: Identifier,
  member: Identifier,
  party: Identifier,
  publicKey: PublicKeyText,
  attestations: z.array(DeviceAttestation).max(1000),
});
export type BundleDevice = z.infer<typeof BundleDevice>;

export const BundleCosignature = z.strictObject({
  party: Identifier,
  device: Identifier,
  checkpointSize: z.int().nonnegative(),
  /** A signature line `— <name> <base64>` (without newline) in tlog-cosignature v1 format. */
  line: z.string().max(MAX_SIGNATURE_LINE_LENGTH),
});
export type BundleCosignature = z.infer<typeof BundleCosignature>;

function bundleSchema<E extends z.ZodType>(signedEnvelope: E) {
  const entry = z.strictObject({ index: z.int().nonnegative(), signedEnvelope });
  const compartment = z.strictObject({
    id: Identifier,
    origin: z.string().max(200),
    parties: z
      .array(Identifier)
      .min(1)
      .max(100)
      .refine((parties) => new Set(parties).size === parties.length, 'parties must not repeat'),
    entries: z.array(entry).max(MAX_ENTRIES),
    checkpoints: z.array(z.string().max(MAX_NOTE_LENGTH)).max(MAX_ENTRIES),
    cosignatures: z.array(BundleCosignature).max(MAX_ENTRIES),
  });
  return z
    .strictObject({
      format: z.literal(BUNDLE_FORMAT),
      cell: Identifier,
      party: Identifier,
      exportedAt: UtcMillis,
      /** The log's verifier key: `fusion-cell/<cellId>+<key ID>+<base64(0x01 || key)>`. */
      logKey: z.string().max(300),
      devices: z.array(BundleDevice).max(100_000),
      compartments: z.array(compartment).max(1000),
    })
    .superRefine((bundle, context) => {
      const repeated = (ids: string[]) => {
        const seen = new Set<string>();
        return ids.find((id) => seen.size === seen.add(id).size);
      };
      const device = repeated(bundle.devices.map((d) => d.id));
      if (device) context.addIssue({ code: 'custom', message: `device ${device} is listed twice`, path: ['devices'] });
      const compartmentId = repeated(bundle.compartments.map((c) => c.id));
      if (compartmentId) {
        context.addIssue({ code: 'custom', message: `compartment ${compartmentId} is listed twice`, path: ['compartments'] });
      }
    });
}

/** An export bundle with every signed envelope fully validated. */
export const Bundle = bundleSchema(SignedEnvelope);
export type Bundle = z.infer<typeof Bundle>;

/**
 * The bundle's outer shape with entries left unparsed, for the verifier: it checks each
 * envelope itself so one bad entry is reported where it is instead of failing the bundle.
 */
export const BundleOuterShape = bundleSchema(z.unknown());
