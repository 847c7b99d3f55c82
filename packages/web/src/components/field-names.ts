/** Where a request carries its values; the server names a field after it (`body.roles[0]`). */
const REQUEST_PART = /^(body|params|query|headers)\./;
/** A signed item's fields: the envelope's own, or its payload's (`envelope.payload.title`). */
const ENVELOPE = /^envelope\.(payload\.)?/;

/**
 * The field a path names, as the member knows it: `body.displayName` → `displayName`,
 * `body.roles[0]` → `roles`, `body.envelope.payload.title` → `title`,
 * `body.webhooks[2].url` → `webhooks`. The member fills in the field, not the part of it.
 */
export function fieldNameOf(path: string): string {
  const inside = path.replace(REQUEST_PART, '').replace(ENVELOPE, '');
  return inside.split(/[.[]/)[0] || path;
}

/** The key of a field's name in the translations: every field a form offers has one under `fields`. */
export function fieldLabelKey(path: string): `fields.${string}` {
  return `fields.${fieldNameOf(path)}`;
}
