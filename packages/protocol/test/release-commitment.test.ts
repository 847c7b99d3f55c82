import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IntelReleasePayload, isBroaderAudience, newReleaseNonce, ReleaseCommitment, releaseCommitment, releaseOpens, ReleaseOpening } from '../src/index.ts';

const nonce = Buffer.from(Array.from({ length: 32 }, (_, index) => index)).toString('base64url');
const original = createHash('sha256').update('an original').digest('base64url');

describe('a release’s commitment (record SPEC R44)', () => {
  it('[R44] is SHA-256 of the domain, the nonce and the original’s leaf hash, in base64url', async () => {
    const expected = createHash('sha256').update('fusion-cell/release/v1\n').update(Buffer.from(nonce, 'base64url')).update(Buffer.from(original, 'base64url')).digest('base64url');
    expect(await releaseCommitment(nonce, original)).toBe(expected);
    expect(ReleaseCommitment.safeParse(expected).success).toBe(true);
  });

  it('[R44] opens only with its own nonce and original', async () => {
    const commitment = await releaseCommitment(nonce, original);
    expect(await releaseOpens(commitment, nonce, original)).toBe(true);
    expect(await releaseOpens(commitment, newReleaseNonce(), original)).toBe(false);
    expect(await releaseOpens(commitment, nonce, createHash('sha256').update('another').digest('base64url'))).toBe(false);
    expect(await releaseOpens(commitment, 'not a nonce', original)).toBe(false);
  });

  it('draws a fresh 32-byte nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newReleaseNonce()));
    expect(nonces.size).toBe(100);
    for (const drawn of nonces) expect(Buffer.from(drawn, 'base64url')).toHaveLength(32);
  });

  it('takes each 32 bytes in their one base64url spelling', () => {
    expect(ReleaseOpening.safeParse({ original, nonce }).success).toBe(true);
    // The same bytes with non-zero trailing bits or padding; other bytes in the standard alphabet.
    expect(ReleaseOpening.safeParse({ original, nonce: `${nonce.slice(0, 42)}B` }).success).toBe(false);
    expect(ReleaseOpening.safeParse({ original, nonce: `${nonce}=` }).success).toBe(false);
    const dashes = Buffer.alloc(32, 0xfb).toString('base64url');
    expect(ReleaseOpening.safeParse({ original, nonce: dashes }).success).toBe(true);
    expect(ReleaseOpening.safeParse({ original, nonce: Buffer.alloc(32, 0xfb).toString('base64').replace(/=+$/, '') }).success).toBe(false);
  });
});

describe('the tear line', () => {
  it('goes only into an audience holding every party of the original’s, and more', () => {
    expect(isBroaderAudience(['sy', 'il', 'us'], ['sy', 'us'])).toBe(true);
    expect(isBroaderAudience(['sy', 'us'], ['sy'])).toBe(true);
    expect(isBroaderAudience(['sy', 'us'], ['sy', 'us'])).toBe(false);
    expect(isBroaderAudience(['sy', 'us'], ['sy', 'il', 'us'])).toBe(false);
    expect(isBroaderAudience(['il', 'us'], ['sy'])).toBe(false);
  });

  it('never marks an extract RED', () => {
    const extract = { title: 'Battery moved', extract: 'A battery moved at dawn.', language: 'en', original, tlp: 'GREEN' };
    expect(IntelReleasePayload.safeParse(extract).success).toBe(true);
    const red = IntelReleasePayload.safeParse({ ...extract, tlp: 'RED' });
    expect(red.success).toBe(false);
    expect(red.error?.issues[0]?.path).toEqual(['tlp']);
  });
});
