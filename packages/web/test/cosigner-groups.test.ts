import { describe, expect, it } from 'vitest';
import { groupCosigners } from '../src/features/record/cosigner-groups.ts';
import type { CosignerView } from '../src/sync/sync-types.ts';

const line = (party: string, member: string | undefined, device: string, time: number, valid = true): CosignerView => ({ party, member, device, time, valid });

describe('groupCosigners', () => {
  it('shows a member who cosigned from five browsers once, with the five devices and the latest time', () => {
    const groups = groupCosigners([
      line('sy', 'm_sy1', 'd_1', 100),
      line('il', 'm_il1', 'd_6', 101),
      line('sy', 'm_sy1', 'd_2', 105),
      line('sy', 'm_sy1', 'd_3', 103),
      line('sy', 'm_sy1', 'd_4', 102),
      line('sy', 'm_sy1', 'd_5', 104),
    ]);
    expect(groups.map((group) => [group.party, group.member, group.devices.length, group.latest])).toEqual([
      ['sy', 'm_sy1', 5, 105],
      ['il', 'm_il1', 1, 101],
    ]);
  });

  it('marks a member invalid when any of their devices does not verify', () => {
    const [group] = groupCosigners([line('us', 'm_us1', 'd_1', 1), line('us', 'm_us1', 'd_2', 2, false)]);
    expect(group?.valid).toBe(false);
    expect(group?.devices.map((device) => device.valid)).toEqual([true, false]);
  });

  it('keeps devices the directory does not name apart, one line each', () => {
    const groups = groupCosigners([line('il', undefined, 'd_1', 1), line('il', undefined, 'd_2', 2)]);
    expect(groups.map((group) => group.devices.length)).toEqual([1, 1]);
  });
});
