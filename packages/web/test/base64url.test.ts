import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../src/device/base64url.ts';

describe('base64url', () => {
  it('encodes without padding, with the URL-safe alphabet', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(toBase64Url(new Uint8Array(32)).length).toBe(43);
  });

  it('round-trips every length around a block', () => {
    for (let length = 0; length < 70; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) % 256);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('matches Node for a 64-byte signature', () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, index) => 255 - index);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
});
