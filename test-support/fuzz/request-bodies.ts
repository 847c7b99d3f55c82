// Bodies of a JSON request as bytes, damaged the ways a network or a hostile client damages
// them: cut short, bits flipped, bytes that are not UTF-8, byte order marks, another
// character set or media type, a content encoding, nesting thousands deep, more bytes than
// the server takes. Each says what text, if any, a correct server may read from it.

import fc from 'fast-check';
import { flipBit } from './signing-keys.ts';

export interface RawBody {
  damage: string;
  bytes: Uint8Array;
  /** Headers that go with the damage, over the request's own. */
  headers: Record<string, string>;
  /**
   * The JSON text a server may read from these bytes and headers. Undefined when it must
   * refuse them whatever they say: not UTF-8, compressed, not JSON, too large.
   */
  readable: string | undefined;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function decoded(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const DAMAGES = ['cut', 'bit', 'invalid-utf8', 'utf8-bom', 'utf16-bom', 'charset', 'media-type', 'encoding', 'deep', 'huge', 'empty', 'trailing', 'raw-number'] as const;

interface Pick {
  damage: (typeof DAMAGES)[number];
  at: number;
  depth: number;
}

const picks: fc.Arbitrary<Pick> = fc.record({ damage: fc.constantFrom(...DAMAGES), at: fc.nat(), depth: fc.integer({ min: 100, max: 5_000 }) });

function damage(json: string, { damage, at, depth }: Pick): RawBody {
  const bytes = utf8(json);
  const position = at % Math.max(1, bytes.length);
  const plain = (changed: Uint8Array, readable: string | undefined = decoded(changed)): RawBody => ({ damage, bytes: changed, headers: {}, readable });
  switch (damage) {
    case 'cut':
      return plain(bytes.slice(0, position), undefined);
    case 'bit':
      return plain(flipBit(bytes, at));
    case 'invalid-utf8':
      return plain(concat(bytes.slice(0, position), Uint8Array.of(0xc3, 0x28, 0xff), bytes.slice(position)), undefined);
    case 'utf8-bom':
      // RFC 8259 lets a reader ignore it.
      return plain(concat(Uint8Array.of(0xef, 0xbb, 0xbf), bytes), json);
    case 'utf16-bom':
      return plain(concat(Uint8Array.of(0xff, 0xfe), new Uint8Array(Buffer.from(json, 'utf16le'))), undefined);
    case 'charset': {
      const charset = ['utf-16', 'latin1', 'UTF-8', '"utf-8"', 'x-unknown'][at % 5]!;
      return { damage, bytes, headers: { 'content-type': `application/json; charset=${charset}` }, readable: /^"?utf-8"?$/i.test(charset) ? json : undefined };
    }
    case 'media-type': {
      const type = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json;', 'Application/JSON'][at % 5]!;
      return { damage, bytes, headers: { 'content-type': type }, readable: /^application\/json/i.test(type) ? json : undefined };
    }
    case 'encoding': {
      const encoding = ['gzip', 'br', 'identity', 'deflate, gzip', 'x-unknown'][at % 5]!;
      return { damage, bytes, headers: { 'content-encoding': encoding }, readable: encoding === 'identity' ? json : undefined };
    }
    case 'deep': {
      const [open, close] = at % 2 ? ['[', ']'] : ['{"a":', '}'];
      return plain(utf8(`${open.repeat(depth)}1${close.repeat(depth)}`));
    }
    case 'huge':
      return plain(utf8(`{"padding":"${'x'.repeat(300 * 1024)}"}`), undefined);
    case 'empty':
      return plain(new Uint8Array(0), undefined);
    case 'trailing':
      return plain(utf8(`${json} ${json}`), undefined);
    case 'raw-number': {
      // A number JSON allows and JavaScript cannot hold exactly, in place of the first value.
      const number = ['1e400', '-0', '123456789012345678901234567890', '0.1e-400'][at % 4]!;
      return plain(utf8(json.replace(/:("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/, `:${number}`)));
    }
  }
}

/** Damaged versions of a JSON text as bytes. */
export function damagedBodies(json: string): fc.Arbitrary<RawBody> {
  return picks.map((pick) => damage(json, pick));
}
