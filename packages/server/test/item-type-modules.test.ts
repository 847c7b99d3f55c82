import { ITEM_TYPE_LIST } from '@fusion-cell/protocol';
import { describe, expect, it } from 'vitest';
import { SERVER_ITEM_TYPES, serverItemType } from '../src/item-types/registry.ts';

describe('the server item type modules', () => {
  it('has a module for every registered type, under its own name, and none for a type not registered', () => {
    for (const type of ITEM_TYPE_LIST) expect(serverItemType(type.type)?.type, type.type).toBe(type.type);
    expect(Object.keys(SERVER_ITEM_TYPES).sort()).toEqual(ITEM_TYPE_LIST.map((type) => type.type).sort());
    expect(serverItemType('constructor')).toBeUndefined();
  });

  it('rechecks under the log lock exactly the types whose checks read changing state', () => {
    const rechecked = ITEM_TYPE_LIST.filter((type) => serverItemType(type.type)?.recheckUnderLock).map((type) => type.type);
    expect(rechecked.sort()).toEqual(['ack', 'channel.resumed', 'channel.suspended', 'meeting.convene']);
  });
});
