/**
 * Deterministic STIX identifiers: a UUID version 5 (RFC 9562, SHA-1 over a namespace and a name)
 * of what the object stands for in the cell, such as an item's id. Exporting the same record
 * twice gives the same identifiers, so a consumer updates what it has instead of duplicating it.
 * The hash is passed in: Node's and the browser's differ, and this module does no I/O.
 */
export type Sha1 = (bytes: Uint8Array) => Uint8Array;

/** The namespace of every identifier the cell derives. */
export const FUSION_CELL_STIX_NAMESPACE = '4f0b6f39-5d2c-4d5e-9a39-7c3e1f4b8a21';

export function uuidV5(name: string, sha1: Sha1, namespace = FUSION_CELL_STIX_NAMESPACE): string {
  const space = hexToBytes(namespace.replace(/-/g, ''));
  const text = new TextEncoder().encode(name);
  const input = new Uint8Array(space.length + text.length);
  input.set(space, 0);
  input.set(text, space.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** What each derived identifier is derived from. */
export const stixIdNames = {
  report: (itemId: string) => `report:${itemId}`,
  opinion: (itemId: string) => `opinion:${itemId}`,
  location: (itemId: string) => `location:${itemId}`,
  identity: (cellId: string, partyId: string) => `identity:${cellId}:${partyId}`,
  bundle: (itemIds: readonly string[]) => `bundle:${[...itemIds].sort().join(',')}`,
};
