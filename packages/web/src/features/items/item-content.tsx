import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { itemTypeDefinition, readPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { webItemType } from '../../item-types/registry.ts';
import './items.css';

/** An item as its type's view shows it, once its payload has been read at the type's current version. */
function content(envelope: Envelope): ReactElement | null {
  const definition = itemTypeDefinition(envelope.type);
  const view = webItemType(envelope.type);
  if (!definition || !view) return null;
  // An item written at an older version of its type is shown as the current version reads it (R40).
  const payload = readPayload(definition, envelope.payload);
  return payload.ok ? view.render(payload.payload as never, envelope) : null;
}

/**
 * What an item says, by type: structured fields in the reader's language, free text in its
 * own. A type this version does not know, or a payload that does not match its schema, is
 * said to be so rather than guessed at.
 */
export function ItemContent({ envelope }: { envelope: Envelope | undefined }) {
  const { t } = useTranslation();
  const shown = envelope ? content(envelope) : null;
  if (shown) return shown;
  return (
    <p className="thread-item-text thread-item-unreadable" data-testid="item-text">
      {envelope ? t('thread.otherType', { type: envelope.type }) : t('thread.unreadable')}
    </p>
  );
}
