import { createHash, randomBytes } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES, type Evidence, type PartyKind, type Role } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvidence, deriveEvidence } from '../src/attachments/attachment-store.ts';
import { loadActor, type Actor } from '../src/policy/actor.ts';
import { decide } from '../src/policy/policy.ts';
import type { AppliedEntry } from '../src/record/applied-entry.ts';
import { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const NO_FILE = sha256Of(Buffer.from('a file nobody uploaded'));

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: any;
}

async function answerOf(response: Response): Promise<Answer> {
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: any;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

describe.each(ENGINES)('evidence files on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  const clients: Record<string, ApiClient> = {};
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage);
    for (const username of ['sy.duty1', 'sy.analyst', 'sy.admin', 'il.duty1', 'us.duty1']) {
      const client = new ApiClient(server.url);
      const { member } = await client.login(username, server.passwordOf(username));
      clients[username] = client;
      const actor = await loadActor(server.handle.services.db, member.id);
      if (!actor) throw new Error(`no actor for ${username}`);
      actors[username] = actor;
    }
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  const client = (username: string): ApiClient => {
    const found = clients[username];
    if (!found) throw new Error(`no client ${username}`);
    return found;
  };
  const actor = (username: string): Actor => {
    const found = actors[username];
    if (!found) throw new Error(`no actor ${username}`);
    return found;
  };

  async function upload(username: string | null, bytes: Uint8Array, headers: Record<string, string> = { 'content-type': 'image/png' }, query = ''): Promise<Answer> {
    const sent: Record<string, string> = { origin: new URL(server.url).origin, ...headers };
    const cookie = username === null ? undefined : client(username).sessionCookie;
    if (cookie) sent['cookie'] = cookie;
    return answerOf(await fetch(`${server.url}/api/v1/attachments${query}`, { method: 'POST', headers: sent, body: bytes }));
  }

  async function download(username: string | null, sha256: string): Promise<Answer> {
    const cookie = username === null ? undefined : client(username).sessionCookie;
    return answerOf(await fetch(`${server.url}/api/v1/attachments/${sha256}`, { headers: cookie ? { cookie } : {} }));
  }

  async function stored(sha256: string): Promise<{ files: number; uploads: string[] }> {
    const db = server.handle.services.db;
    const files = await db.selectFrom('attachments').select('sha256').where('sha256', '=', sha256).execute();
    const uploads = await db.selectFrom('attachment_uploads').select('party_id').where('sha256', '=', sha256).orderBy('party_id').execute();
    return { files: files.length, uploads: uploads.map((row) => row.party_id) };
  }

  /** As the append would, for an item of `compartment` naming the file. */
  async function nameInItem(compartment: string, sha256: string): Promise<void> {
    const entry = {
      compartmentId: compartment,
      index: 0,
      itemId: randomBytes(32).toString('base64url'),
      receivedAt: 0,
      signed: { envelope: { payload: { evidence: [{ sha256, name: 'photo.png', mediaType: 'image/png', size: 1 }] } } },
    } as unknown as AppliedEntry;
    await deriveEvidence(server.handle.services.db, entry);
  }

  it('stores an upload by its hash: 201 with the receipt, 200 when the party uploads it again', async () => {
    const bytes = randomBytes(1000);
    const sha256 = sha256Of(bytes);
    const first = await upload('sy.duty1', bytes, { 'content-type': 'image/png' }, `?sha256=${sha256}`);
    expect(first.status, first.bytes.toString()).toBe(201);
    expect(first.json).toEqual({ sha256, mediaType: 'image/png', size: 1000 });

    const again = await upload('sy.duty1', bytes);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    // A colleague's upload is the party's upload.
    expect((await upload('sy.analyst', bytes)).status).toBe(200);
    expect(await stored(sha256)).toEqual({ files: 1, uploads: ['sy'] });

    // Another party is not told that someone uploaded the same bytes before it.
    const other = await upload('il.duty1', bytes);
    expect(other.status).toBe(201);
    expect(other.json).toEqual(first.json);
    expect(await stored(sha256)).toEqual({ files: 1, uploads: ['il', 'sy'] });
  });

  it('refuses a file whose hash is not the one announced, naming both, and stores nothing', async () => {
    const bytes = randomBytes(64);
    const sha256 = sha256Of(bytes);
    const answer = await upload('sy.duty1', bytes, { 'content-type': 'application/pdf' }, `?sha256=${NO_FILE}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'validation_failed', field: 'query.sha256' });
    expect(answer.json.error.message).toContain(sha256);
    expect(answer.json.error.message).toContain(NO_FILE);
    expect(await stored(sha256)).toEqual({ files: 0, uploads: [] });

    const malformed = await upload('sy.duty1', bytes, { 'content-type': 'application/pdf' }, '?sha256=ABC');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'validation_failed', field: 'query.sha256' });
    expect(await stored(sha256)).toEqual({ files: 0, uploads: [] });
  });

  it.each([
    ['a type evidence may not have', { 'content-type': 'application/zip' }],
    ['JSON', { 'content-type': 'application/json' }],
    ['no type at all', {}],
  ])('refuses %s with 415', async (_name, headers: Record<string, string>) => {
    const bytes = randomBytes(32);
    const answer = await upload('sy.duty1', bytes, headers);
    expect(answer.status).toBe(415);
    expect(answer.json.error).toMatchObject({ code: 'unsupported_media_type', field: 'headers.content-type' });
    expect(await stored(sha256Of(bytes))).toEqual({ files: 0, uploads: [] });
  });

  it('refuses a compressed body with 415, as every route does', async () => {
    const bytes = randomBytes(32);
    const answer = await upload('sy.duty1', bytes, { 'content-type': 'image/png', 'content-encoding': 'gzip' });
    expect(answer.status).toBe(415);
    expect(answer.json.error).toMatchObject({ code: 'unsupported_media_type', field: 'headers.content-encoding' });
    expect(await stored(sha256Of(bytes))).toEqual({ files: 0, uploads: [] });
  });

  it('takes a file of exactly the limit and refuses one byte more with 413', async () => {
    const largest = Buffer.alloc(MAX_ATTACHMENT_BYTES, 7);
    const accepted = await upload('sy.duty1', largest, { 'content-type': 'video/mp4' });
    expect(accepted.status, accepted.bytes.toString()).toBe(201);
    expect(accepted.json.size).toBe(MAX_ATTACHMENT_BYTES);

    const tooLarge = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7);
    const answer = await upload('sy.duty1', tooLarge, { 'content-type': 'video/mp4' });
    expect(answer.status).toBe(413);
    expect(answer.json.error.code).toBe('payload_too_large');
    expect(await stored(sha256Of(tooLarge))).toEqual({ files: 0, uploads: [] });
  });

  it('refuses an empty file', async () => {
    const answer = await upload('sy.duty1', new Uint8Array(0), { 'content-type': 'text/plain' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(await stored(sha256Of(new Uint8Array(0)))).toEqual({ files: 0, uploads: [] });
  });

  it('lets members upload, but not an account that only administers', async () => {
    const answer = await upload('sy.admin', randomBytes(16));
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('forbidden');
  });

  it('asks for a session first, and refuses a cross-site upload', async () => {
    const bytes = randomBytes(16);
    const stranger = await upload(null, bytes);
    expect(stranger.status).toBe(401);
    expect(stranger.json.error.code).toBe('unauthenticated');
    expect((await download(null, NO_FILE)).status).toBe(401);

    const crossSite = await upload('sy.duty1', bytes, { 'content-type': 'image/png', origin: 'https://elsewhere.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error).toMatchObject({ code: 'origin_rejected', field: 'headers.origin' });
    expect(await stored(sha256Of(bytes))).toEqual({ files: 0, uploads: [] });
  });

  it('serves a file to its uploaders as a download that never changes', async () => {
    const bytes = Buffer.from('Convoy seen at checkpoint 4 at 14:05.\n', 'utf8');
    const sha256 = sha256Of(bytes);
    expect((await upload('sy.duty1', bytes, { 'content-type': 'text/plain; charset=utf-8' })).status).toBe(201);

    const answer = await download('sy.analyst', sha256);
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(bytes)).toBe(true);
    expect(answer.headers.get('content-type')).toBe('text/plain');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${sha256}"`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toMatch(/^private, max-age=\d+, immutable$/);
    expect(answer.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('hides a file from a party that did not upload it and sees no item naming it, exactly as a hash no file has', async () => {
    const bytes = randomBytes(200);
    const sha256 = sha256Of(bytes);
    expect((await upload('sy.duty1', bytes, { 'content-type': 'image/jpeg' })).status).toBe(201);

    const hidden = await download('il.duty1', sha256);
    const missing = await download('il.duty1', NO_FILE);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe('not_found');
    expect(hidden.bytes.equals(missing.bytes)).toBe(true);
    expect([...hidden.headers.keys()].filter((name) => name !== 'date')).toEqual([...missing.headers.keys()].filter((name) => name !== 'date'));

    // Named in the sy caucus: the supervisor sees it there, the other side still does not.
    await nameInItem('caucus-sy', sha256);
    expect((await download('us.duty1', sha256)).status).toBe(200);
    expect((await download('il.duty1', sha256)).bytes.equals(missing.bytes)).toBe(true);

    // Named in plenary: everyone in plenary sees it.
    await nameInItem('plenary', sha256);
    const seen = await download('il.duty1', sha256);
    expect(seen.status).toBe(200);
    expect(seen.bytes.equals(bytes)).toBe(true);
    expect(seen.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers a malformed hash as a bad parameter', async () => {
    const answer = await download('sy.duty1', 'not-a-hash');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'validation_failed', field: 'params.sha256' });
  });

  it('describes both routes in the OpenAPI document', async () => {
    const document = (await client('sy.duty1').get('/api/v1/openapi.json')).body;
    const upload = document.paths['/api/v1/attachments'].post;
    expect(Object.keys(upload.requestBody.content).sort()).toEqual(['application/geo+json', 'application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'text/plain', 'video/mp4']);
    expect(upload.requestBody.content['image/png'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(upload.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['sha256']);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['200', '201', '413', '415']));
    const read = document.paths['/api/v1/attachments/{sha256}'].get;
    expect(read.responses['200'].content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  describe('checkEvidence', () => {
    let file: Evidence;
    let othersFile: Evidence;

    beforeAll(async () => {
      const bytes = randomBytes(300);
      file = { sha256: sha256Of(bytes), name: 'photo.webp', mediaType: 'image/webp', size: 300 };
      expect((await upload('sy.duty1', bytes, { 'content-type': 'image/webp' })).status).toBe(201);
      const others = randomBytes(301);
      othersFile = { sha256: sha256Of(others), name: 'map.json', mediaType: 'application/geo+json', size: 301 };
      expect((await upload('il.duty1', others, { 'content-type': 'application/geo+json' })).status).toBe(201);
    });

    const PREFIX = 'envelope.payload.evidence';
    const check = (username: string, evidence: Evidence[] | undefined) => checkEvidence(server.handle.services.db, actor(username), evidence, PREFIX);

    it('accepts what the author may read, with its size and media type, and no evidence at all', async () => {
      await expect(check('sy.analyst', [file])).resolves.toBeUndefined();
      await expect(check('sy.duty1', [file, file])).resolves.toBeUndefined();
      await expect(check('sy.duty1', undefined)).resolves.toBeUndefined();
      await expect(check('sy.duty1', [])).resolves.toBeUndefined();
    });

    it('refuses a hash no file has, naming the entry', async () => {
      await expect(check('sy.duty1', [file, { ...file, sha256: NO_FILE }])).rejects.toMatchObject({
        code: 'validation_failed',
        field: `${PREFIX}[1].sha256`,
        message: 'no file with this hash was uploaded; upload it first',
      });
    });

    it('refuses a file the author may not read as one never uploaded', async () => {
      await expect(check('sy.duty1', [othersFile])).rejects.toMatchObject({ code: 'validation_failed', field: `${PREFIX}[0].sha256`, message: 'no file with this hash was uploaded; upload it first' });
    });

    it('refuses a size that is not the upload’s, saying the right one', async () => {
      await expect(check('sy.duty1', [{ ...file, size: 299 }])).rejects.toMatchObject({ code: 'validation_failed', field: `${PREFIX}[0].size`, message: 'the size does not match the upload (300 bytes)' });
    });

    it('refuses a media type that is not the upload’s', async () => {
      await expect(check('sy.duty1', [{ ...file, mediaType: 'image/png' }])).rejects.toMatchObject({ code: 'validation_failed', field: `${PREFIX}[0].mediaType`, message: expect.stringContaining('image/webp') });
    });
  });

  it('derives which item names which file, once, and ignores payloads without evidence', async () => {
    const db = server.handle.services.db;
    const sha256 = sha256Of(randomBytes(8));
    const entry = (payload: unknown, itemId: string) =>
      ({ compartmentId: 'plenary', index: 1, itemId, receivedAt: 0, signed: { envelope: { payload } } }) as unknown as AppliedEntry;
    const itemId = randomBytes(32).toString('base64url');
    const named = entry({ evidence: [{ sha256 }, { sha256 }, { sha256: 'not a hash' }, null] }, itemId);
    await deriveEvidence(db, named);
    await deriveEvidence(db, named);
    await deriveEvidence(db, entry({ text: 'nothing named' }, randomBytes(32).toString('base64url')));
    await deriveEvidence(db, entry({ evidence: 'not a list' }, randomBytes(32).toString('base64url')));
    const rows = await db.selectFrom('item_evidence').selectAll().where('sha256', '=', sha256).execute();
    expect(rows).toEqual([{ item_id: itemId, sha256, compartment_id: 'plenary' }]);
  });
});

describe('the policy on evidence files', () => {
  function member(party: string, kind: PartyKind, roles: Role[], compartments: string[]): Actor {
    return { memberId: `${party}-${roles.join('-')}`, username: party, displayName: party, partyId: party, partyKind: kind, roles: new Set(roles), compartments: new Set(compartments) };
  }
  const syDuty = member('sy', 'side', ['duty'], ['plenary', 'caucus-sy', 'internal-sy']);
  const syAdmin = member('sy', 'side', ['admin'], ['plenary', 'caucus-sy', 'internal-sy']);
  const syAdminAndHead = member('sy', 'side', ['admin', 'head'], ['plenary', 'caucus-sy', 'internal-sy']);
  const unTranslator = member('un', 'observer', ['translator'], ['plenary', 'internal-un']);

  it.each([
    ['a duty officer uploads', syDuty, true],
    ['an observer uploads', unTranslator, true],
    ['an administrator who also heads the delegation uploads', syAdminAndHead, true],
    ['an account that only administers does not', syAdmin, false],
  ])('%s', (_name, who, allowed) => {
    expect(decide(who, { type: 'attachment.upload' }).allowed).toBe(allowed);
  });

  it.each([
    ['its party uploaded it', { uploaders: ['sy'], namedIn: [] }, 'allow'],
    ['an item it sees names it', { uploaders: ['il'], namedIn: ['caucus-il', 'plenary'] }, 'allow'],
    ['only items it does not see name it', { uploaders: ['il'], namedIn: ['caucus-il', 'internal-il'] }, 'hidden'],
    ['no one uploaded it', { uploaders: [], namedIn: [] }, 'hidden'],
  ])('a side reads a file when %s', (_name, audience, expected) => {
    const decision = decide(syDuty, { type: 'attachment.read', ...audience });
    expect(decision.allowed ? 'allow' : decision.hidden ? 'hidden' : 'forbidden').toBe(expected);
  });
});
