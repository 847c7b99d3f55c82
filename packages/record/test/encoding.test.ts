import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  constantTimeEqual,
  EncodingError,
  hexDecode,
  hexEncode,
  utf8ByteLength,
  utf8Decode,
  utf8Encode,
} from '../src/index.ts';

const bytes = (text: string) => utf8Encode(text);

describe('base64 and base64url', () => {
  // RFC 4648 §10 test vectors.
  const RFC4648 = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ] as const;

  it.each(RFC4648)('encodes and decodes RFC 4648 vector %j', (plain, encoded) => {
    expect(base64Encode(bytes(plain))).toBe(encoded);
    expect(base64Decode(encoded)).toEqual(bytes(plain));
    expect(base64UrlEncode(bytes(plain))).toBe(encoded.replace(/=+$/, ''));
    expect(base64UrlDecode(encoded.replace(/=+$/, ''))).toEqual(bytes(plain));
  });

  it('uses the URL-safe alphabet for base64url', () => {
    const data = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(base64Encode(data)).toBe('+/+/');
    expect(base64UrlEncode(data)).toBe('-_-_');
    expect(() => base64UrlDecode('+/+/')).toThrow(EncodingError);
    expect(() => base64Decode('-_-_')).toThrow(EncodingError);
  });

  it('rejects malformed base64: padding, length, characters, non-canonical trailing bits', () => {
    for (const bad of ['Zg', 'Zg=', 'Zg===', 'Z===', 'Zm9v=', 'Zh==', 'Zm9=', 'Zm 9v', 'Zm9v\n', '=Zm9', 'Zg==Zg==', 'Zm9vYg']) {
      expect(() => base64Decode(bad), bad).toThrow(EncodingError);
    }
  });

  it('rejects malformed base64url: padding, length, characters, non-canonical trailing bits', () => {
    for (const bad of ['Zg==', 'Z', 'Zh', 'Zm9', 'Zm9v=', 'Zm+v', 'Zm/v', 'Zm9v ', 'é']) {
      expect(() => base64UrlDecode(bad), bad).toThrow(EncodingError);
    }
    expect(base64UrlDecode('Zm8')).toEqual(bytes('fo'));
  });

  it('round-trips every length of random bytes', () => {
    for (let length = 0; length < 70; length++) {
      const data = crypto.getRandomValues(new Uint8Array(length));
      expect(base64Decode(base64Encode(data))).toEqual(data);
      expect(base64UrlDecode(base64UrlEncode(data))).toEqual(data);
    }
  });
});

describe('hex, UTF-8 and comparison', () => {
  it('encodes and decodes hex strictly', () => {
    expect(hexEncode(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
    expect(hexDecode('000F10ff')).toEqual(new Uint8Array([0, 15, 16, 255]));
    for (const bad of ['0', 'zz', '0x00', '0 ']) expect(() => hexDecode(bad)).toThrow(EncodingError);
  });

  it('refuses lone surrogates and malformed UTF-8', () => {
    expect(() => utf8Encode('a\ud800b')).toThrow(EncodingError);
    expect(utf8Encode('😀')).toEqual(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]));
    expect(() => utf8Decode(new Uint8Array([0xc3, 0x28]))).toThrow(EncodingError);
    expect(utf8Decode(utf8Encode('سلام שלום'))).toBe('سلام שלום');
  });

  it('counts UTF-8 bytes without encoding', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'سلام שלום 😀 a']) expect(utf8ByteLength(text)).toBe(utf8Encode(text).length);
  });

  it('compares bytes in constant time, by value', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
