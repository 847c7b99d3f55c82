import { createHash, randomBytes } from 'node:crypto';
import { newReleaseNonce, releaseCommitment } from '@fusion-cell/protocol';
import { verifyBundle, type Envelope } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { differenceBetween, exactRequest } from './support/exact-http.ts';
import { SigningClient } from './support/signing-client.ts';
import { StreamClient } from './support/stream-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const NO_ITEM = randomBytes(32).toString('base64url');

/** A report's payload, with what makes it unique. */
const report = (title: string, tlp = 'AMBER') => ({
  title,
  summary: `Summary of ${title}`,
  body: `Source says the battery near Quneitra moved at dawn (${title}). Handler: Orchard-7.`,
  language: 'en',
  tlp,
  reliability: 'B',
  credibility: 2,
  informationTime: '2026-01-06T06:00:00.000Z',
});

const extract = (title: string, original: string, tlp = 'GREEN') => ({ title, extract: 'A battery near Quneitra moved at dawn.', language: 'en', tlp, original });

/**
 * Releases (record SPEC R44): an extract of an item from a narrower compartment into a broader
 * one, tied to its original by a commitment only its readers can open; to everyone else the
 * original does not exist.
 */
describe.each(ENGINES)('intelligence releases on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syAnalyst: SigningClient;
  let syHead: SigningClient;
  let ilAnalyst: SigningClient;
  let usDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syAnalyst, syHead, ilAnalyst, usDuty] = await Promise.all([open('sy.analyst'), open('sy.head'), open('il.analyst'), open('us.duty1')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();

  const file = async (client: SigningClient, compartment: string, payload: object, type = 'intel.report', track = 'intelligence') => {
    const response = await client.send({ compartment, type, track, payload: payload as never, authoredAt: now() });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };

  /** Signs a release and posts it with its opening; `opening` overrides what goes beside the envelope. */
  const release = async (client: SigningClient, original: string, overrides: Partial<Envelope> & { opening?: unknown; nonce?: string } = {}) => {
    const nonce = overrides.nonce ?? newReleaseNonce();
    const commitment = await releaseCommitment(nonce, original);
    const { opening, nonce: _nonce, ...envelope } = overrides;
    const signed = await client.sign(client.envelope({ compartment: 'plenary', type: 'intel.release', track: 'intelligence', payload: extract('Battery moved', commitment) as never, authoredAt: now(), ...envelope }));
    const body = opening === null ? signed : { ...signed, release: opening ?? { original, nonce } };
    return { response: await client.post('/api/v1/items', body), nonce, commitment, body };
  };

  const sizes = async () => {
    const rows = await server.handle.services.db.selectFrom('log_heads').select(['compartment_id', 'size']).orderBy('compartment_id').execute();
    return Object.fromEntries(rows.map((row) => [row.compartment_id, row.size]));
  };

  it('[R44] releases a caucus report into the plenary, with the cell’s note of it beside the original, in one commit', async () => {
    const original = await file(syAnalyst, 'caucus-sy', report('Quneitra battery'));
    const before = await sizes();
    const { response, nonce, commitment } = await release(syAnalyst, original);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.compartment).toBe('plenary');
    const after = await sizes();
    expect(after['plenary']).toBe((before['plenary'] ?? 0) + 1);
    expect(after['caucus-sy']).toBe((before['caucus-sy'] ?? 0) + 1);

    // The commitment is SHA-256 of the domain, the nonce and the original's leaf hash (the bytes its id encodes).
    const expected = createHash('sha256')
      .update('fusion-cell/release/v1\n')
      .update(Buffer.from(nonce, 'base64url'))
      .update(Buffer.from(original, 'base64url'))
      .digest('base64url');
    expect(commitment).toBe(expected);

    // The note: signed by the cell, in the original's compartment and track, referring to the original only.
    const state = (await syAnalyst.get(`/api/v1/items/${original}/state`)).body;
    const noteId = state.referencedBy.find((entry: { type: string }) => entry.type === 'intel.release.note')?.id;
    expect(noteId).toBeDefined();
    const note = (await syAnalyst.get(`/api/v1/items/${noteId}/state`)).body;
    expect(note).toMatchObject({ type: 'intel.release.note', author: '@cell', track: 'intelligence', references: [original], payload: { release: response.body.id, nonce } });
    expect(note.item.compartment).toBe('caucus-sy');
    expect(note.item.receivedAt).toBe(response.body.receivedAt);
    expect(note.details).toEqual({ release: response.body.id, releaseCompartment: 'plenary', opens: true });

    // Readers of the original, supervisors included, see the tie both ways.
    const link = { release: response.body.id, releaseCompartment: 'plenary', original, originalCompartment: 'caucus-sy', note: noteId, nonce, commitment, releasedAt: response.body.receivedAt };
    for (const reader of [syAnalyst, usDuty]) {
      expect((await reader.get(`/api/v1/items/${original}/releases`)).body).toEqual({ releases: [link] });
      expect((await reader.get(`/api/v1/items/${response.body.id}/releases`)).body).toEqual({ releases: [link] });
    }
    // The other side reads the release, and is asked to say it understood it.
    const seen = (await ilAnalyst.get(`/api/v1/items/${response.body.id}/state`)).body;
    expect(seen.payload).toEqual(extract('Battery moved', commitment));
    expect(seen.obligations.map((obligation: { party: string; required: string }) => [obligation.party, obligation.required])).toEqual([['il', 'understood']]);
  });

  it('[R44] answers the other side, on every route and the stream, as if the original did not exist', async () => {
    const original = await file(syAnalyst, 'caucus-sy', report('Tall al-Hara radar'));
    const plenaryBefore = (await sizes())['plenary'] ?? 0;
    const stream = await StreamClient.open(server.url, ilAnalyst.sessionCookie);
    stream.send({ type: 'subscribe', compartment: 'plenary', from: plenaryBefore });
    await stream.waitFor((frame) => frame.type === 'caught-up');
    const { response, nonce } = await release(syAnalyst, original);
    const releaseId = response.body.id as string;
    const entry = await stream.waitFor((frame) => frame.type === 'entry' && frame.id === releaseId);
    const noteId = (await syAnalyst.get(`/api/v1/items/${original}/state`)).body.referencedBy.find((entry: { type: string }) => entry.type === 'intel.release.note').id as string;

    const il = ilAnalyst.sessionCookie;
    const exact = (path: string) => exactRequest(server.url, { method: 'GET', path, cookie: il });
    // The original and the note answer byte for byte as an id naming nothing.
    for (const suffix of ['', '/state', '/proof', '/releases']) {
      const missing = await exact(`/api/v1/items/${NO_ITEM}${suffix}`);
      expect(missing.status).toBe(404);
      for (const hidden of [original, noteId]) expect(differenceBetween(await exact(`/api/v1/items/${hidden}${suffix}`), missing), `${hidden}${suffix}`).toBeUndefined();
    }
    // The release's tie answers as that of a plenary item never released.
    const plain = await file(ilAnalyst, 'plenary', { text: 'never released', language: 'en' }, 'message', 'general');
    expect(differenceBetween(await exact(`/api/v1/items/${releaseId}/releases`), await exact(`/api/v1/items/${plain}/releases`))).toBeUndefined();
    expect((await exact(`/api/v1/items/${releaseId}/releases`)).bytes.toString()).toBe('{"releases":[]}');
    // The release's state is the same for a reader of the original and for the other side.
    const forIl = await exact(`/api/v1/items/${releaseId}/state`);
    const forUs = await exactRequest(server.url, { method: 'GET', path: `/api/v1/items/${releaseId}/state`, cookie: usDuty.sessionCookie });
    expect(differenceBetween(forIl, forUs)).toBeUndefined();

    // Nothing the other side can read names the original, the note, the nonce or the caucus.
    const secrets = [original, noteId, nonce, 'caucus-sy', 'Orchard-7', 'Tall al-Hara radar'];
    const everything = [
      JSON.stringify(entry),
      forIl.bytes.toString(),
      (await exact(`/api/v1/items/${releaseId}`)).bytes.toString(),
      (await exact('/api/v1/compartments/plenary/entries?start=0&limit=1000')).bytes.toString(),
      (await exact('/api/v1/record')).bytes.toString(),
      (await exact('/api/v1/inbox?view=mine')).bytes.toString(),
      (await exact('/api/v1/export')).bytes.toString(),
      JSON.stringify(stream.frames),
    ].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), secret).toBe(false);
    stream.socket.close();

    // Its export verifies, with the release and without the note.
    const bundle = (await ilAnalyst.get('/api/v1/export')).body;
    const verified = await verifyBundle(bundle, { verifier: nodeVerifier() });
    expect(verified.failures).toEqual([]);
  });

  it('[R44] refuses a release of the other side’s original as one of an item that does not exist, and names the field', async () => {
    const original = await file(syAnalyst, 'caucus-sy', report('Hidden from il'));
    const nonce = newReleaseNonce();
    const attempt = async (target: string) => {
      const signed = await ilAnalyst.sign(ilAnalyst.envelope({ compartment: 'plenary', type: 'intel.release', track: 'intelligence', payload: extract('Taken', await releaseCommitment(nonce, target)) as never, authoredAt: now() }));
      return exactRequest(server.url, { method: 'POST', path: '/api/v1/items', body: { ...signed, release: { original: target, nonce } }, cookie: ilAnalyst.sessionCookie });
    };
    const hidden = await attempt(original);
    const missing = await attempt(NO_ITEM);
    expect(hidden.status).toBe(400);
    expect(JSON.parse(hidden.bytes.toString())).toEqual({ error: { code: 'reference_not_found', message: 'the original was not found', field: 'body.release.original' } });
    expect(differenceBetween(hidden, missing)).toBeUndefined();
  });

  it('[R44] refuses what may not be released, naming the field, and changes nothing', async () => {
    const amber = await file(syAnalyst, 'caucus-sy', report('Kept in caucus'));
    const red = await file(syAnalyst, 'caucus-sy', report('Red source', 'RED'));
    const plenaryItem = await file(syAnalyst, 'plenary', report('Already plenary', 'GREEN'));
    const before = await sizes();
    const refused = async (outcome: Promise<{ response: { status: number; body: any } }>, status: number, code: string, field: string) => {
      const { response } = await outcome;
      expect(response.body, JSON.stringify(response.body)).toMatchObject({ error: { code, field } });
      expect(response.status).toBe(status);
    };
    // Only the originator's party releases: the supervisor reads the caucus, yet did not write it.
    await refused(release(usDuty, amber), 403, 'forbidden', 'body.release.original');
    // RED never leaves its compartment, not even as an extract.
    await refused(release(syAnalyst, red), 400, 'validation_failed', 'body.release.original');
    // Into a compartment no broader than the original's: the same, a narrower one, an internal one.
    await refused(release(syAnalyst, amber, { compartment: 'caucus-sy' }), 400, 'validation_failed', 'body.envelope.compartment');
    await refused(release(syAnalyst, plenaryItem, { compartment: 'caucus-sy' }), 400, 'validation_failed', 'body.envelope.compartment');
    await refused(release(syAnalyst, amber, { compartment: 'internal-sy' }), 400, 'validation_failed', 'body.envelope.compartment');
    // The extract is never RED, and AMBER+STRICT does not go into the plenary.
    const nonce = newReleaseNonce();
    const commitment = await releaseCommitment(nonce, amber);
    await refused(release(syAnalyst, amber, { nonce, payload: extract('Red extract', commitment, 'RED') as never }), 400, 'validation_failed', 'body.envelope.payload.tlp');
    await refused(release(syAnalyst, amber, { nonce, payload: extract('Strict extract', commitment, 'AMBER+STRICT') as never }), 400, 'validation_failed', 'body.envelope.payload.tlp');
    // The commitment must open to the original with the nonce sent.
    await refused(release(syAnalyst, amber, { opening: { original: amber, nonce: newReleaseNonce() } }), 400, 'validation_failed', 'body.envelope.payload.original');
    await refused(release(syAnalyst, amber, { opening: { original: red, nonce } , nonce }), 400, 'validation_failed', 'body.release.original');
    // A release names nothing of its original, and comes with its opening; nothing else carries one.
    await refused(release(syAnalyst, amber, { references: [plenaryItem] }), 400, 'validation_failed', 'body.envelope.references');
    await refused(release(syAnalyst, amber, { opening: null }), 400, 'validation_failed', 'body.release');
    await refused(release(syAnalyst, amber, { opening: { original: amber, nonce: 'short' } }), 400, 'validation_failed', 'body.release.nonce');
    // A nonce serves one release: another release of the same original with it is refused.
    const first = await release(syAnalyst, amber, { nonce });
    expect(first.response.status).toBe(201);
    before['plenary'] = (before['plenary'] ?? 0) + 1;
    before['caucus-sy'] = (before['caucus-sy'] ?? 0) + 1;
    await refused(release(syAnalyst, amber, { nonce, payload: extract('Same nonce', commitment) as never }), 400, 'validation_failed', 'body.release.nonce');
    const message = await syAnalyst.sign(syAnalyst.envelope({ payload: { text: 'not a release', language: 'en' }, authoredAt: now() }));
    const withOpening = await syAnalyst.post('/api/v1/items', { ...message, release: { original: amber, nonce } });
    expect(withOpening.status).toBe(400);
    expect(withOpening.body.error.field).toBe('body.release');
    expect(await sizes()).toEqual(before);
    // Another member of the originator's party may release it.
    expect((await release(syHead, amber)).response.status).toBe(201);
  });

  it('[R44] enters a resent release once, with its note once', async () => {
    const original = await file(syAnalyst, 'internal-sy', { text: 'Internal assessment: the road is open.', language: 'en' }, 'message', 'general');
    const first = await release(syAnalyst, original, { compartment: 'caucus-sy' });
    expect(first.response.status, JSON.stringify(first.response.body)).toBe(201);
    const before = await sizes();
    const again = await syAnalyst.post('/api/v1/items', first.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.response.body.id, duplicate: true });
    expect(await sizes()).toEqual(before);
    // An internal message released into the caucus: the supervisor reads the release, not the original.
    expect((await usDuty.get(`/api/v1/items/${first.response.body.id}/releases`)).body).toEqual({ releases: [] });
    expect((await syAnalyst.get(`/api/v1/items/${original}/releases`)).body.releases).toHaveLength(1);
  });

  it('[R44] rebuilds the ties from the notes in the record', async () => {
    const db = server.handle.services.db;
    const clean = await rebuildDerivedState(db, { repair: false });
    expect(clean.differences).toEqual([]);
    const stored = await db.selectFrom('releases').selectAll().orderBy('release_id').execute();
    expect(stored.length).toBeGreaterThanOrEqual(3);
    await db.deleteFrom('releases').execute();
    const dirty = await rebuildDerivedState(db, { repair: true });
    expect(dirty.differences.filter((difference) => difference.table === 'releases')).toHaveLength(stored.length);
    expect(await db.selectFrom('releases').selectAll().orderBy('release_id').execute()).toEqual(stored);
    // The originator's own export holds the note and verifies offline.
    const bundle = (await syAnalyst.get('/api/v1/export')).body;
    expect(JSON.stringify(bundle)).toContain('intel.release.note');
    expect((await verifyBundle(bundle, { verifier: nodeVerifier() })).failures).toEqual([]);
  });
});
