import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_LEVELS, type AckLevel } from '@fusion-cell/protocol';
import { webItemType } from '../../item-types/registry.ts';

export function isAckLevel(value: string): value is AckLevel {
  return (ACK_LEVELS as readonly string[]).includes(value);
}

/** An item type's name in the reader's language. */
export function useTypeName(): (type: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (type: string) => {
      const view = webItemType(type);
      return view ? t(`items.types.${view.nameKey}` as never) : t('items.types.other', { type });
    },
    [t],
  );
}

/** What is owed, in words: an acknowledgment level, or a reply of a type. */
export function useRequiredName(): (required: string) => string {
  const { t } = useTranslation();
  const typeName = useTypeName();
  return useCallback((required: string) => (isAckLevel(required) ? t(`items.ackLevels.${required}`) : typeName(required)), [t, typeName]);
}
