import { ITEM_TYPE_LIST } from '@fusion-cell/protocol';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import { webItemType } from '../src/item-types/registry.ts';

describe('the web item type views', () => {
  it('has a view for every registered type, named in the translations', () => {
    const names = en.items.types as Record<string, string>;
    for (const type of ITEM_TYPE_LIST) {
      const view = webItemType(type.type);
      expect(view?.type, type.type).toBe(type.type);
      expect(names[view?.nameKey ?? ''], type.type).toEqual(expect.any(String));
    }
  });
});
