import type { CosignerView } from '../../sync/sync-types.ts';

/** One member's cosignatures on a checkpoint: a line per person, their devices on demand. */
export interface CosignerGroup {
  /** Party and member, or party and device when the directory does not name the member. */
  key: string;
  party: string;
  member: string | undefined;
  devices: CosignerView[];
  /** Every device's line verifies. */
  valid: boolean;
  /** The latest cosignature of the member's devices, in seconds. */
  latest: number;
}

/**
 * Groups a checkpoint's cosignatures by member, in the order members first appear: each new
 * browser registers a device, so one duty officer may cosign from several.
 */
export function groupCosigners(cosigners: readonly CosignerView[]): CosignerGroup[] {
  const groups = new Map<string, CosignerGroup>();
  for (const cosigner of cosigners) {
    const key = `${cosigner.party}/${cosigner.member ?? `device:${cosigner.device}`}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { key, party: cosigner.party, member: cosigner.member, devices: [cosigner], valid: cosigner.valid, latest: cosigner.time });
      continue;
    }
    group.devices.push(cosigner);
    group.valid &&= cosigner.valid;
    group.latest = Math.max(group.latest, cosigner.time);
  }
  return [...groups.values()];
}
