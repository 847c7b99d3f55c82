// POST /api/v1/items with generated signed items: a valid message is appended (one entry more,
// read back byte for byte); an item of any registered type is appended or refused in the error
// shape; a flipped signature, a changed envelope, damaged bytes or an item breaking any rule a
// client can check itself is refused; a refusal appends nothing; nothing gets a 500.

import { findUnsafeText, ITEM_TYPES, itemTypeDefinition, readPayload, TRACKS, type ItemTypeName } from '@fusion-cell/protocol';
import { base64UrlDecode, base64UrlEncode, canonicalJson, itemId, SignedEnvelope, verifyEnvelopeSignature, type Envelope } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import fc from 'fast-check';
import { accepted, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { answerText, errorCode, errorContractBreach, isSuccess, send } from './http-answer.ts';
import type { ItemAuthor } from './item-author.ts';
import { ITEM_TYPE_NAMES, validPayloads } from './item-payloads.ts';
import { mutationsOf } from './json-mutations.ts';
import { damagedBodies, type RawBody } from './request-bodies.ts';
import { flipBit, signAsEnvelope } from './signing-keys.ts';

export interface ItemsServer {
  url: string;
  cellId: string;
  /** The server's clock and how far an authoring time may be from it. */
  now(): number;
  toleranceMs: number;
  authors: readonly ItemAuthor[];
  /** Items in the record (id → compartment), to refer to; accepted items are added. */
  knownItems: Map<string, string>;
  entryCount(): Promise<number>;
}

export type ItemInput =
  | { kind: 'valid-message' | 'any-type' | 'flipped-signature' | 'mutated-resigned' | 'mutated'; author: ItemAuthor; json: unknown }
  | { kind: 'raw'; author: ItemAuthor; raw: RawBody };

const verifier = nodeVerifier();

function sign(author: ItemAuthor, envelope: unknown): { envelope: unknown; signature: string } {
  return { envelope, signature: signAsEnvelope(envelope, author.key) ?? base64UrlEncode(new Uint8Array(64)) };
}

/** The first rule a client can check itself that the sent JSON breaks, if any. */
async function staticProblem(server: ItemsServer, author: ItemAuthor, json: unknown): Promise<string | undefined> {
  if (findUnsafeText(json)) return 'text no field may hold';
  const parsed = SignedEnvelope.safeParse(json);
  if (!parsed.success) return `not a signed envelope: ${parsed.error.issues[0]?.message}`;
  const { envelope } = parsed.data;
  if (envelope.cell !== server.cellId || envelope.author !== author.memberId || envelope.device !== author.deviceId) return 'cell, author or device is not the sender';
  if (!(await verifyEnvelopeSignature(parsed.data, author.key.publicKey, verifier))) return 'signature does not verify';
  const definition = itemTypeDefinition(envelope.type);
  if (!definition || definition.cellOnly) return `type ${envelope.type} may not be submitted`;
  const kind = author.compartments.get(envelope.compartment);
  if (!kind) return 'compartment is not the author party’s';
  if (!definition.roles.some((role) => author.roles.has(role))) return 'no role may enter it';
  if (!(definition.tracks as readonly string[]).includes(envelope.track)) return 'track not allowed';
  if (definition.partyKinds && !definition.partyKinds.includes(author.partyKind)) return 'party kind not allowed';
  if (definition.compartments && !definition.compartments.includes(kind)) return 'compartment kind not allowed';
  if (!readPayload(definition, envelope.payload).ok) return 'payload refused by its type';
  if (Math.abs(Date.parse(envelope.authoredAt) - server.now()) > server.toleranceMs) return 'authoring time out of tolerance';
  // Compartments are absolute: an item elsewhere is as unknown as one that does not exist.
  if (envelope.references.some((reference) => !author.compartments.has(server.knownItems.get(reference) ?? ''))) return 'reference to an item the author cannot see';
  if (definition.answers && envelope.references.length === 0) return 'an answer without the item it answers';
  return undefined;
}

export function itemInputs(server: ItemsServer): fc.Arbitrary<ItemInput> {
  const author = fc.constantFrom(...server.authors);
  const authoredAt = fc.integer({ min: -server.toleranceMs / 2, max: server.toleranceMs / 2 }).map((offset) => new Date(server.now() + offset).toISOString());
  const known = () => [...server.knownItems.keys()];
  const envelopeOf = (who: ItemAuthor, type: ItemTypeName, tracks: readonly string[]) =>
    fc.record({
      compartment: fc.constantFrom(...who.compartments.keys()),
      track: fc.constantFrom(...tracks),
      payload: validPayloads(type),
      // Positions among the items known when the input is made; most items refer to none.
      references: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
      authoredAt,
    }).map(({ compartment, track, payload, references, authoredAt: time }): Envelope => {
      const ids = known();
      return {
        cell: server.cellId,
        compartment,
        type,
        track,
        payload: payload as Envelope['payload'],
        references: references === undefined || ids.length === 0 ? [] : [ids[references % ids.length]!],
        author: who.memberId,
        device: who.deviceId,
        authoredAt: time,
      };
    });
  const message = author.chain((who) => envelopeOf(who, 'message', TRACKS).map((envelope) => ({ who, envelope: { ...envelope, references: [] } })));
  const anyType = author.chain((who) => fc.constantFrom(...ITEM_TYPE_NAMES).chain((type) => envelopeOf(who, type, ITEM_TYPES[type].tracks).map((envelope) => ({ who, envelope }))));
  return fc.oneof(
    { weight: 3, arbitrary: message.map(({ who, envelope }): ItemInput => ({ kind: 'valid-message', author: who, json: sign(who, envelope) })) },
    { weight: 3, arbitrary: anyType.map(({ who, envelope }): ItemInput => ({ kind: 'any-type', author: who, json: sign(who, envelope) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(message, fc.nat()).map(([{ who, envelope }, bit]): ItemInput => {
        const signed = sign(who, envelope);
        return { kind: 'flipped-signature', author: who, json: { ...signed, signature: base64UrlEncode(flipBit(base64UrlDecode(signed.signature), bit)) } };
      }),
    },
    {
      weight: 3,
      arbitrary: anyType.chain(({ who, envelope }) => mutationsOf(fc.constant(envelope)).map((mutated): ItemInput => ({ kind: 'mutated-resigned', author: who, json: sign(who, mutated.value) }))),
    },
    { weight: 2, arbitrary: message.chain(({ who, envelope }) => mutationsOf(fc.constant(sign(who, envelope))).map((mutated): ItemInput => ({ kind: 'mutated', author: who, json: mutated.value }))) },
    { weight: 2, arbitrary: message.chain(({ who, envelope }) => damagedBodies(JSON.stringify(sign(who, envelope))).map((raw): ItemInput => ({ kind: 'raw', author: who, raw }))) },
  );
}

async function judgeItem(server: ItemsServer, input: ItemInput): Promise<Verdict> {
  const { author } = input;
  const text = input.kind === 'raw' ? undefined : JSON.stringify(input.json);
  const headers = { origin: server.url, 'content-type': 'application/json', cookie: author.cookie, ...(input.kind === 'raw' ? input.raw.headers : {}) };
  const before = await server.entryCount();
  const answer = await send(server.url, { method: 'POST', path: '/api/v1/items', headers, ...(input.kind === 'raw' ? { body: input.raw.bytes } : text === undefined ? {} : { body: text }) });
  const breach = errorContractBreach(answer);
  if (breach) return breach;
  const appended = (await server.entryCount()) - before;
  const readable = input.kind === 'raw' ? input.raw.readable : text;
  let json: unknown;
  try {
    json = readable === undefined ? undefined : JSON.parse(readable);
  } catch {
    json = undefined;
  }
  if (!isSuccess(answer)) {
    if (appended !== 0) return invalidAccepted(`a refused item (${errorCode(answer)}) appended ${appended} entries`);
    if (input.kind === 'valid-message') return validRefused(`a valid message was refused: ${answerText(answer).slice(0, 300)}`);
    return refused;
  }
  const problem = readable === undefined ? 'bytes no server may read' : await staticProblem(server, author, json);
  if (problem) return invalidAccepted(`accepted a ${input.kind === 'raw' ? `raw ${input.raw.damage}` : input.kind} item: ${problem}`);
  const receipt = answer.json as { id?: string; duplicate?: boolean };
  const signed = SignedEnvelope.parse(json);
  if (receipt.id !== itemId(signed)) return validRefused(`the receipt names ${receipt.id}, not ${itemId(signed)}`);
  // The cell appends its checks' findings in the same commit, one per check the type declares on such a payload.
  const checks = (itemTypeDefinition(signed.envelope.type)?.findings ?? []).filter((check) => check.appliesTo?.(signed.envelope.payload) ?? true).length;
  if (appended !== (receipt.duplicate ? 0 : 1 + checks)) return invalidAccepted(`an item answered ${answer.status} appended ${appended} entries, not 1 and ${checks} findings`);
  server.knownItems.set(receipt.id, signed.envelope.compartment);
  const read = await send(server.url, { method: 'GET', path: `/api/v1/items/${receipt.id}`, headers: { cookie: author.cookie } });
  const leaf = 'failed' in read ? undefined : (read.json as { leaf?: string } | undefined)?.leaf;
  if (leaf !== canonicalJson(signed)) return validRefused(`the stored leaf is not the canonical JSON of what was sent: ${String(leaf).slice(0, 200)}`);
  return accepted;
}

export function itemsTarget(server: ItemsServer): FuzzTarget<ItemInput> {
  return { name: 'signed items (POST /api/v1/items)', inputs: itemInputs(server), judge: (input) => judgeItem(server, input) };
}
