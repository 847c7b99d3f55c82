/**
 * How every error names a field: dots between keys, brackets around indices, such as
 * `members[3].roles[0]`, or over HTTP with where it was sent first: `body.roles[0]`,
 * `body.envelope.payload.text`, `query.from`.
 */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part, position) => (typeof part === 'number' ? `[${part}]` : `${position === 0 ? '' : '.'}${String(part)}`)).join('');
}
