import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineItemType, ITEM_TYPE_LIST, PAYLOAD_VERSION_FIELD, readPayload } from '../src/index.ts';

type Migration = (payload: Record<string, unknown>) => Record<string, unknown>;
const addLanguage: Migration = (payload) => ({ ...payload, language: 'en' });
const renameText: Migration = ({ text, ...rest }) => ({ ...rest, body: text });

/** A type at its third version: v1 had `text`, v2 added `language`, v3 renamed `text` to `body`. */
const noteType = defineItemType({
  type: 'note',
  version: 3,
  payload: z.strictObject({ body: z.string().min(1), language: z.enum(['en', 'ar', 'he']) }),
  migrations: { 1: addLanguage, 2: renameText },
  roles: ['duty'],
  tracks: ['general'],
  summary: ['body'],
});

describe('[R40] reading a payload at the version it was written', () => {
  it('[R40] reads a payload without v as version 1 and migrates it through every later version', () => {
    expect(readPayload(noteType, { text: 'Convoy at 14:00' })).toEqual({ ok: true, payload: { body: 'Convoy at 14:00', language: 'en' }, version: 1 });
  });

  it('[R40] migrates from the version the payload says, and reads the current version as it stands', () => {
    expect(readPayload(noteType, { v: 2, text: 'قافلة', language: 'ar' })).toEqual({ ok: true, payload: { body: 'قافلة', language: 'ar' }, version: 2 });
    expect(readPayload(noteType, { v: 3, body: 'Convoy', language: 'he' })).toEqual({ ok: true, payload: { body: 'Convoy', language: 'he' }, version: 3 });
  });

  it('[R40] leaves the payload it was given as it was signed', () => {
    const signed = { v: 2, text: 'Convoy', language: 'en' };
    readPayload(noteType, signed);
    expect(signed).toEqual({ v: 2, text: 'Convoy', language: 'en' });
  });

  it('[R40] refuses a version newer than the type known here', () => {
    expect(readPayload(noteType, { v: 4, body: 'Convoy', language: 'en' })).toEqual({ ok: false, path: ['v'], message: 'version 4 is newer than the note items known here (version 3)' });
  });

  it.each([[1], [0], [2.5], ['2'], [null]])('[R40] refuses v: %j (version 1 is written without v)', (version) => {
    expect(readPayload(noteType, { v: version, text: 'Convoy' })).toMatchObject({ ok: false, path: ['v'] });
  });

  it('[R40] names the field at fault in the payload as migrated', () => {
    expect(readPayload(noteType, { v: 3, body: '', language: 'en' })).toMatchObject({ ok: false, path: ['body'] });
    expect(readPayload(noteType, { text: 'Convoy', extra: true })).toMatchObject({ ok: false, path: [] });
  });

  it('[R40] refuses what a missing migration would have to guess', () => {
    const unmigrated = defineItemType({ ...noteType, migrations: { 2: renameText } });
    expect(readPayload(unmigrated, { text: 'Convoy' })).toEqual({ ok: false, path: ['v'], message: 'note has no migration from version 1' });
  });

  it('reads a registered type by name, and refuses an unknown type and a payload that is no object', () => {
    expect(readPayload('message', { text: 'hello', language: 'en' })).toEqual({ ok: true, payload: { text: 'hello', language: 'en' }, version: 1 });
    expect(readPayload('gossip', {})).toMatchObject({ ok: false, message: 'there is no item type "gossip"' });
    expect(readPayload('message', ['hello'])).toMatchObject({ ok: false, path: [] });
  });
});

describe('[R40] the registered types and their versions', () => {
  it('[R40] leaves v to the version in every payload schema', () => {
    // A payload is an object, or a union of objects (a finding's, one per check).
    type Described = { shape?: Record<string, unknown>; options?: readonly Described[] };
    const fieldsOf = (schema: Described): string[] => [...Object.keys(schema.shape ?? {}), ...(schema.options ?? []).flatMap(fieldsOf)];
    for (const type of ITEM_TYPE_LIST) {
      const fields = fieldsOf(type.payload as unknown as Described);
      expect(fields.length, type.type).toBeGreaterThan(0);
      expect(fields, type.type).not.toContain(PAYLOAD_VERSION_FIELD);
    }
  });

  it('[R40] migrates every older version of every type forward', () => {
    for (const type of ITEM_TYPE_LIST) {
      for (let from = 1; from < type.version; from += 1) expect(type.migrations?.[from], `${type.type} from version ${from}`).toBeTypeOf('function');
    }
  });
});
