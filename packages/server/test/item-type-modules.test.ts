import { ITEM_TYPE_LIST } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchemaName, payloadSchemaName } from '../src/http/openapi-item-types.ts';
import { SERVER_ITEM_TYPES, serverItemType } from '../src/item-types/registry.ts';
import { rulesDependOnState } from '../src/items/item-rules.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('the server item type modules', () => {
  it('has a module for every registered type, under its own name, and none for a type not registered', () => {
    for (const type of ITEM_TYPE_LIST) expect(serverItemType(type.type)?.type, type.type).toBe(type.type);
    expect(Object.keys(SERVER_ITEM_TYPES).sort()).toEqual(ITEM_TYPE_LIST.map((type) => type.type).sort());
    expect(serverItemType('constructor')).toBeUndefined();
  });

  it('rechecks under the log lock exactly the types whose checks read changing state: their own, their lifecycle, their document', () => {
    const rechecked = ITEM_TYPE_LIST.filter((type) => rulesDependOnState(type.type)).map((type) => type.type);
    expect(rechecked.sort()).toEqual(
      [
        ...['ack', 'activity.cancel', 'activity.notice', 'channel.resumed', 'channel.suspended', 'document.sign', 'explanation.reply', 'glossary.term', 'intel.rfi.close', 'interest', 'meeting.convene', 'opportunity.move', 'zone'],
        // Diplomatic: a meeting's state, a document's latest version and its brackets, a commitment's status.
        ...['commitment', 'commitment.report', 'commitment.verify', 'joint.text', 'joint.text.bracket', 'joint.text.decision', 'joint.text.suggestion', 'meeting', 'meeting.cancel', 'meeting.confirm', 'minutes'],
        // Disputes: the dispute's stage, its resolution's document, a translation's open dispute; a read-back confirmed once.
        ...['dispute', 'dispute.caucus', 'dispute.close', 'dispute.resolution', 'dispute.response', 'dispute.stage', 'dispute.stage.proposal', 'readback.confirm'],
      ].sort(),
    );
  });

  it('[R40] keeps every type at version 1 while the derived state reads payloads as they were signed', () => {
    // Obligations, acknowledgments, lifecycles, documents and findings read payload fields as
    // signed; the first type past version 1 has them read through readPayload instead.
    expect(ITEM_TYPE_LIST.filter((type) => type.version !== 1).map((type) => type.type)).toEqual([]);
  });
});

describe('the item types in the OpenAPI document', () => {
  let storage: TestStorage;
  let server: TestServer;
  let document: any;

  beforeAll(async () => {
    // SQLite is always there: the document does not depend on the engine.
    storage = await ENGINES[0]!.create();
    server = await startTestServer(storage);
    document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  it('holds every registered type’s payload schema, named by type and version', () => {
    // A payload is an object, or a union of objects told apart by a member (a finding, by its check).
    const isPayload = (schema: any) => schema?.type === 'object' || (Array.isArray(schema?.oneOf ?? schema?.anyOf) && (schema.oneOf ?? schema.anyOf).every((branch: any) => branch.type === 'object'));
    const missing = ITEM_TYPE_LIST.filter((type) => !isPayload(document.components.schemas[payloadSchemaName(type)])).map(payloadSchemaName);
    expect(missing, 'payload schemas missing from /api/v1/openapi.json').toEqual([]);
    expect(document.components.schemas['ItemPayload.message.v1'].required).toEqual(['text', 'language']);
  });

  it('says which payload goes with which type in the submission’s envelope', () => {
    const envelope = document.paths['/api/v1/items'].post.requestBody.content['application/json'].schema.properties.envelope;
    for (const type of ITEM_TYPE_LIST) {
      const reference = envelope.discriminator.mapping[type.type];
      expect(envelope.oneOf, type.type).toContainEqual({ $ref: reference });
      const branch = document.components.schemas[reference.replace('#/components/schemas/', '')];
      expect(branch?.properties, envelopeSchemaName(type)).toEqual({ type: { const: type.type }, payload: { $ref: `#/components/schemas/${payloadSchemaName(type)}` } });
    }
    expect(envelope.discriminator.propertyName).toBe('type');
  });
});
