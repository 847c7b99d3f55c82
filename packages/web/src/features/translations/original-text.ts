import { itemSearchText, itemTypeDefinition, type Language } from '@fusion-cell/protocol';

/** An item's own words, in the language its author wrote them in: the authoritative text. */
export interface OriginalText {
  text: string;
  language: Language;
}

/**
 * What an item says in its own words, read from its type's schema as the search reads it (its
 * title, then its other free text, a blank line apart), when its payload names their language.
 * The cell's own entries have none: no party wrote them.
 */
export function originalTextOf(envelope: { type: string; payload: Record<string, unknown> } | undefined): OriginalText | undefined {
  if (!envelope || itemTypeDefinition(envelope.type)?.cellOnly) return undefined;
  const { title, body, language } = itemSearchText(envelope.type, envelope.payload);
  const text = [title, body].filter((part) => part !== '').join('\n\n');
  return text === '' || language === undefined ? undefined : { text, language };
}
