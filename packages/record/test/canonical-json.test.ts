import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError, utf8Encode, hexEncode } from '../src/index.ts';

function fromIeee754(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('[R1] canonical JSON (RFC 8785)', () => {
  it('[R1] canonicalises the RFC 8785 §3.2.2 example', () => {
    // The input of RFC 8785 §3.2.2, written as a JavaScript value.
    const input = {
      // The RFC's literal has more digits than a double holds; that rounding is the point.
      // eslint-disable-next-line no-loss-of-precision
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    const expected = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(canonicalJson(input)).toBe(expected);
    // And the RFC's UTF-8 bytes of that output (§3.2.4), first and last bytes.
    const hex = hexEncode(utf8Encode(expected));
    expect(hex.startsWith('7b226c6974657261')).toBe(true);
    expect(hex.endsWith('5c5c5c222f227d')).toBe(true);
  });

  it('[R1] sorts properties by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 values and their canonical text.
  const NUMBERS: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(NUMBERS)('[R1] serialises the number 0x%s as %s (Appendix B)', (bits, text) => {
    expect(canonicalJson(fromIeee754(bits))).toBe(text);
  });

  it('[R1] refuses values outside the JSON data model', () => {
    class Thing {
      value = 1;
    }
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const refused: unknown[] = [
      undefined,
      NaN,
      Infinity,
      -Infinity,
      () => 1,
      Symbol('s'),
      10n,
      new Date(0),
      new Map(),
      new Thing(),
      { a: undefined },
      { a: NaN },
      [1, undefined],
      sparse,
      cyclic,
      { toJSON: () => 'sneaky' },
      'lone \ud800 surrogate',
      { ['\udc00']: 1 },
      { [Symbol('k')]: 1 },
    ];
    for (const value of refused) expect(() => canonicalJson(value), String(value)).toThrow(CanonicalJsonError);
  });

  it('[R1] accepts plain JSON, including null-prototype objects and a "toJSON" string member', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: [true, null, 'x'] });
    expect(canonicalJson(bare)).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonicalJson({ toJSON: 'just a string' })).toBe('{"toJSON":"just a string"}');
    expect(canonicalJson(-0)).toBe('0');
  });
});
