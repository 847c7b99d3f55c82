import { itemTypeDefinition, readPayload } from '@fusion-cell/protocol';

const MAX_TITLE = 60;

/**
 * What names an item in a list: the first of its type's summary fields that holds text, read
 * from the signed leaf at the type's current version, on one line and cut short. Empty when
 * the leaf or its payload cannot be read, so a list still shows the rest of the row.
 */
export function itemTitle(type: string, leaf: string): string {
  let payload: unknown;
  try {
    payload = (JSON.parse(leaf) as { envelope?: { payload?: unknown } }).envelope?.payload;
  } catch {
    return '';
  }
  const reading = readPayload(type, payload);
  if (!reading.ok) return '';
  const text = (itemTypeDefinition(type)?.summary ?? []).map((field) => reading.payload[field]).find((value) => typeof value === 'string' && value.trim() !== '');
  if (typeof text !== 'string') return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}
