import { describe, expect, it } from 'vitest';
import { base64Decode } from '../src/base64.ts';
import {
  ed25519NoteVerifier,
  formatVerifierKey,
  keyIdHex,
  NoteError,
  openSignedNote,
  parseSignedNote,
  parseVerifierKey,
  signNoteText,
  formatSignedNote,
  addSignatureLines,
  cosignatureTime,
  type NoteVerifier,
} from '../src/index.ts';
import { nodeSigner, nodeVerifier, publicKeyFromPrivateKey } from '../src/node/index.ts';

// Test vectors of golang.org/x/mod/sumdb/note (note_test.go).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const verifier = nodeVerifier();
const known = (...vkeys: string[]): NoteVerifier[] => vkeys.map((vkey) => ed25519NoteVerifier(parseVerifierKey(vkey), verifier));

describe('signed notes and verifier keys (c2sp.org/signed-note)', () => {
  it('[R9] parses the Go PeterNeumann verifier key and rejects every mangling', () => {
    const key = parseVerifierKey(PETER_VKEY);
    expect(key.name).toBe('PeterNeumann');
    expect(keyIdHex(key.keyId)).toBe('c74f20a3');
    expect(formatVerifierKey(key.name, key.publicKey)).toBe(PETER_VKEY);
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i !== 0 || j !== PETER_VKEY.length) expect(() => parseVerifierKey(PETER_VKEY.slice(i, j))).toThrow(NoteError);
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(() => parseVerifierKey(mangled)).toThrow(NoteError);
    }
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow();
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      'unknown verifier algorithm',
    );
  });

  it('[R9] parses verifier keys of Ed25519 cosigners (type 0x04) from transparency-dev/formats', () => {
    // note/note_cosigv1_test.go: a native Ed25519 cosignature v1 verifier key.
    const key = parseVerifierKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2');
    expect(key.type).toBe(0x04);
    expect(parseVerifierKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6').type).toBe(0x01);
    expect(() => parseVerifierKey('rekor.sigstore.dev+12345678+AwEB')).toThrow();
  });

  it('[R9] reproduces the Go signature of the PeterNeumann note from its private key', async () => {
    const seed = base64Decode(PETER_SKEY.split('+').slice(4).join('+')).subarray(1);
    const publicKey = publicKeyFromPrivateKey(seed);
    expect(formatVerifierKey('PeterNeumann', publicKey)).toBe(PETER_VKEY);
    const line = await signNoteText(TEXT, { name: 'PeterNeumann', publicKey, sign: nodeSigner(seed) });
    expect(formatSignedNote(TEXT, [line])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('[R9] opens notes as Go does: unknown signers are set aside, known ones must verify', async () => {
    const both = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = await openSignedNote(both, known(PETER_VKEY));
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    const two = await openSignedNote(both, known(PETER_VKEY, ENOCH_VKEY));
    expect(two.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    await expect(openSignedNote(both, [])).rejects.toThrow('note has no verifiable signatures');
    await expect(openSignedNote(`${TEXT}\n${ENOCH_SIG}`, known(ENOCH_VKEY, PETER_VKEY, ENOCH_VKEY))).rejects.toThrow(
      'ambiguous key',
    );
    await expect(openSignedNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, known(PETER_VKEY))).rejects.toThrow('malformed note');
    const corrupted = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    await expect(openSignedNote(corrupted, known(PETER_VKEY))).rejects.toThrow('invalid signature for key PeterNeumann');
    const duplicated =
      `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}` + `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const deduplicated = await openSignedNote(duplicated, known(PETER_VKEY));
    expect(deduplicated.verified).toHaveLength(1);
    expect(deduplicated.unverified).toHaveLength(2);
  });

  it('[R9] rejects malformed note syntax (Go badMsgs)', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    ];
    for (const note of bad) expect(() => parseSignedNote(note)).toThrow('malformed note');
  });

  it('[R9] adds signature lines once', () => {
    const note = `${TEXT}\n${PETER_SIG}`;
    const enochLine = ENOCH_SIG.slice(0, -1);
    expect(addSignatureLines(note, [enochLine, enochLine])).toBe(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`);
    expect(addSignatureLines(note, [PETER_SIG.slice(0, -1)])).toBe(note);
  });

  it('[R11] reads the timestamp of a cosignature (transparency-dev/formats vector)', () => {
    const bytes = base64Decode('ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==');
    expect(cosignatureTime(bytes.subarray(4))).toBe(1727964367);
    expect(cosignatureTime(bytes.subarray(8))).toBeUndefined();
  });
});
