import { describe, expect, it } from 'vitest';
import { checkSigning, documentStatus, sidesAndSupervisors, type DocumentDeclaration, type DocumentSigning, type DocumentVersion } from '../src/index.ts';

const parties = [
  { id: 'sy', kind: 'side' as const },
  { id: 'il', kind: 'side' as const },
  { id: 'us', kind: 'supervisor' as const },
  { id: 'un', kind: 'observer' as const },
];
const signed: DocumentDeclaration = { acts: ['signature'], signers: sidesAndSupervisors };
const initialled: DocumentDeclaration = { acts: ['initials', 'signature'], signers: sidesAndSupervisors, unsignable: (payload) => (payload.brackets ? 'the text has open brackets' : undefined) };
const signers = sidesAndSupervisors(parties);

const version = (number: number): DocumentVersion => ({ id: `v${number}`, number, authorParty: 'us', receivedAt: number * 1000, signers, ...(number > 1 ? { supersedes: `v${number - 1}` } : {}) });
let clock = 10_000;
const act = (versionNumber: number, party: string, what: 'initials' | 'signature' = 'signature'): DocumentSigning => ({ version: `v${versionNumber}`, party, act: what, item: `s${clock}`, receivedAt: clock++ });

describe('a co-signed document', () => {
  it('signs with every side and supervisor, never an observer', () => {
    expect(signers).toEqual(['sy', 'il', 'us']);
  });

  it('is proposed until every party has signed the same version, then in force', () => {
    const partly = documentStatus(signed, [version(1)], [act(1, 'sy'), act(1, 'us')]);
    expect(partly.inForce).toBeUndefined();
    expect(partly.latest).toMatchObject({ state: 'proposed', awaiting: ['il'], nextAct: 'signature', done: { signature: ['sy', 'us'] } });
    const full = documentStatus(signed, [version(1)], [act(1, 'sy'), act(1, 'us'), act(1, 'il')]);
    expect(full.inForce?.id).toBe('v1');
    expect(full.latest).toMatchObject({ state: 'in-force', awaiting: [] });
  });

  it('keeps the version in force until a newer one is fully signed', () => {
    const first = [act(1, 'sy'), act(1, 'il'), act(1, 'us')];
    const pending = documentStatus(signed, [version(1), version(2)], [...first, act(2, 'sy'), act(2, 'il')]);
    expect(pending.inForce?.id).toBe('v1');
    expect(pending.latest).toMatchObject({ id: 'v2', state: 'proposed', awaiting: ['us'] });
    const replaced = documentStatus(signed, [version(1), version(2)], [...first, act(2, 'sy'), act(2, 'il'), act(2, 'us')]);
    expect(replaced.inForce?.id).toBe('v2');
    expect(replaced.versions.map((entry) => entry.state)).toEqual(['replaced', 'in-force']);
  });

  it('marks a version that never came into force as superseded by the next', () => {
    const status = documentStatus(signed, [version(2), version(1)], [act(1, 'sy')]);
    expect(status.versions.map((entry) => [entry.number, entry.state])).toEqual([
      [1, 'superseded'],
      [2, 'proposed'],
    ]);
  });

  it('counts a party once, and only the parties that sign', () => {
    const status = documentStatus(signed, [version(1)], [act(1, 'sy'), act(1, 'sy'), act(1, 'un')]);
    expect(status.latest.done.signature).toEqual(['sy']);
  });

  it('goes through initials before signatures, where the type asks for both', () => {
    const initials = [act(1, 'sy', 'initials'), act(1, 'il', 'initials'), act(1, 'us', 'initials')];
    expect(documentStatus(initialled, [version(1)], initials.slice(0, 2)).latest).toMatchObject({ state: 'proposed', nextAct: 'initials', awaiting: ['us'] });
    expect(documentStatus(initialled, [version(1)], initials).latest).toMatchObject({ state: 'initialled', nextAct: 'signature', awaiting: ['sy', 'il', 'us'] });
    // A signature made before the initials were complete does not count.
    const early = documentStatus(initialled, [version(1)], [{ ...act(1, 'sy'), receivedAt: 0 }, ...initials]);
    expect(early.latest.done.signature).toEqual([]);
  });
});

describe('whether a party may sign now', () => {
  const payload = {};
  it('refuses a stale version, naming the latest', () => {
    const status = documentStatus(signed, [version(1), version(2)], []);
    expect(checkSigning(signed, status, { id: 'v1', payload }, 'sy', 'signature')).toEqual({ allowed: false, because: 'stale', reason: 'version 1 is stale: version 2 is the latest', field: 'references[0]' });
    expect(checkSigning(signed, status, { id: 'v2', payload }, 'sy', 'signature')).toEqual({ allowed: true });
  });

  it('refuses a party that does not sign, a second signature and an act the type does not ask for', () => {
    const status = documentStatus(signed, [version(1)], [act(1, 'sy')]);
    expect(checkSigning(signed, status, { id: 'v1', payload }, 'un', 'signature')).toMatchObject({ allowed: false, field: 'author' });
    expect(checkSigning(signed, status, { id: 'v1', payload }, 'sy', 'signature')).toMatchObject({ allowed: false, reason: 'your party has already given its signature to this version' });
    expect(checkSigning(signed, status, { id: 'v1', payload }, 'il', 'initials')).toMatchObject({ allowed: false, field: 'payload.act' });
  });

  it('refuses a signature before every party initialled, and a version the type says cannot be signed', () => {
    const status = documentStatus(initialled, [version(1)], [act(1, 'sy', 'initials')]);
    expect(checkSigning(initialled, status, { id: 'v1', payload }, 'sy', 'signature')).toMatchObject({ allowed: false, reason: 'every party gives its initials before anyone signs' });
    expect(checkSigning(initialled, status, { id: 'v1', payload: { brackets: 1 } }, 'il', 'initials')).toEqual({ allowed: false, because: 'unsignable', reason: 'the text has open brackets', field: 'references[0]' });
  });
});
