// Strict base64 (RFC 4648 §4) and base64url without padding (§5). Decoders reject anything
// that is not the one canonical encoding of some bytes: a signature or hash that can be
// spelled two ways is a way to smuggle two different texts past a byte comparison.

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodeTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const STANDARD_TABLE = decodeTable(STANDARD);
const URL_SAFE_TABLE = decodeTable(URL_SAFE);

/** Error thrown for malformed encoded input. */
export class EncodingError extends Error {
  override name = 'EncodingError';
}

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, table: Int8Array, what: string): Uint8Array {
  const length = text.length;
  if (length % 4 === 1) throw new EncodingError(`${what}: invalid length`);
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? table[code]! : -1;
    if (digit < 0) throw new EncodingError(`${what}: invalid character at ${i}`);
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes.
  if (bits > 0 && (value & ((1 << bits) - 1)) !== 0) {
    throw new EncodingError(`${what}: non-canonical trailing bits`);
  }
  return out;
}

/** Standard base64 with padding (RFC 4648 §4). */
export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/** Decodes standard padded base64, rejecting bad characters, length, padding and trailing bits. */
export function base64Decode(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new EncodingError('base64: length is not a multiple of 4');
  let body = text;
  if (text.endsWith('==')) body = text.slice(0, -2);
  else if (text.endsWith('=')) body = text.slice(0, -1);
  return decode(body, STANDARD_TABLE, 'base64');
}

/** base64url without padding (RFC 4648 §5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/** Decodes unpadded base64url, rejecting padding, bad characters, length and trailing bits. */
export function base64UrlDecode(text: string): Uint8Array {
  return decode(text, URL_SAFE_TABLE, 'base64url');
}
