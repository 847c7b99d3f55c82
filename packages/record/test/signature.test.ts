import { describe, expect, it } from 'vitest';
import { hexDecode, hexEncode, utf8Encode } from '../src/bytes.ts';
import { webCryptoSigner, webCryptoVerifier, type SignatureVerifier } from '../src/signature.ts';
import {
  generateKeyPair,
  keyPairFromSeed,
  nodeSigner,
  nodeVerifier,
  privateKeyToPem,
  publicKeyFromPrivateKey,
  signSync,
} from '../src/node/index.ts';

// RFC 8032 §7.1, TEST 1, TEST 2 and TEST 3 (secret key = 32-byte seed).
const RFC8032 = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

const suites: [string, () => SignatureVerifier][] = [
  ['WebCrypto', () => webCryptoVerifier()],
  ['node:crypto', () => nodeVerifier()],
];

describe.each(suites)('Ed25519 verifier: %s', (_name, makeVerifier) => {
  it.each(RFC8032)('[R3] verifies RFC 8032 $name and rejects any change', async (vector) => {
    const verifier = makeVerifier();
    const publicKey = hexDecode(vector.public);
    const message = hexDecode(vector.message);
    const signature = hexDecode(vector.signature);
    expect(await verifier.verify(publicKey, message, signature)).toBe(true);
    const badSignature = signature.slice();
    badSignature[7]! ^= 0x40;
    expect(await verifier.verify(publicKey, message, badSignature)).toBe(false);
    expect(await verifier.verify(publicKey, utf8Encode('other'), signature)).toBe(false);
    const otherKey = hexDecode(RFC8032[(RFC8032.indexOf(vector) + 1) % 3]!.public);
    expect(await verifier.verify(otherKey, message, signature)).toBe(false);
    expect(await verifier.verify(publicKey.subarray(1), message, signature)).toBe(false);
    expect(await verifier.verify(publicKey, message, signature.subarray(1))).toBe(false);
  });

  it('[R3] rejects a signature under a public key that is not a curve point', async () => {
    const verifier = makeVerifier();
    const notAPoint = new Uint8Array(32).fill(0xff);
    const vector = RFC8032[0]!;
    expect(await verifier.verify(notAPoint, hexDecode(vector.message), hexDecode(vector.signature))).toBe(false);
  });
});

describe('Ed25519 signers', () => {
  it.each(RFC8032)('[R3] node signer reproduces RFC 8032 $name from the seed', async (vector) => {
    const pair = keyPairFromSeed(hexDecode(vector.secret));
    expect(hexEncode(pair.publicKey)).toBe(vector.public);
    expect(hexEncode(await nodeSigner(pair.seed)(hexDecode(vector.message)))).toBe(vector.signature);
    expect(hexEncode(signSync(pair.privateKey, hexDecode(vector.message)))).toBe(vector.signature);
    expect(hexEncode(publicKeyFromPrivateKey(privateKeyToPem(pair.privateKey)))).toBe(vector.public);
  });

  it('[R3] generates key pairs whose signatures both suites accept', async () => {
    const pair = generateKeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.seed).toHaveLength(32);
    const message = utf8Encode('fusion-cell');
    const signature = await nodeSigner(pair.privateKey)(message);
    expect(nodeVerifier().verify(pair.publicKey, message, signature)).toBe(true);
    expect(await webCryptoVerifier().verify(pair.publicKey, message, signature)).toBe(true);
  });

  it('[R3] WebCrypto signer with a non-extractable key verifies under node:crypto', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as {
      privateKey: Parameters<typeof webCryptoSigner>[0];
      publicKey: Parameters<typeof webCryptoSigner>[0];
    };
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const message = utf8Encode('item');
    const signature = await webCryptoSigner(pair.privateKey)(message);
    expect(nodeVerifier().verify(publicKey, message, signature)).toBe(true);
  });

  it('[R3] refuses keys that are not Ed25519 private keys', () => {
    expect(() => nodeSigner(new Uint8Array(31))).toThrow();
    expect(() => keyPairFromSeed(new Uint8Array(16))).toThrow(RangeError);
  });
});
