/**
 * The STIX 2.1 object types (OASIS, STIX Version 2.1, sections 4 to 7), so that an object the
 * cell does not model is told apart from one that is not STIX 2.1 at all.
 */
export const STIX_DOMAIN_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const STIX_CYBER_OBSERVABLE_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

export const STIX_RELATIONSHIP_TYPES = ['relationship', 'sighting'] as const;

/** Objects that describe other objects: markings, translations, extensions. */
export const STIX_META_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

const DOMAIN = new Set<string>(STIX_DOMAIN_TYPES);
const OBSERVABLE = new Set<string>(STIX_CYBER_OBSERVABLE_TYPES);
const RELATIONSHIP = new Set<string>(STIX_RELATIONSHIP_TYPES);
const META = new Set<string>(STIX_META_TYPES);

export type StixTypeKind = 'domain' | 'observable' | 'relationship' | 'meta' | 'custom';

/**
 * What kind of STIX 2.1 object a type names, or undefined when STIX 2.1 does not define it. A
 * custom object type is accepted when it says so: its name starts with `x-` (custom objects,
 * section 11.1), or the object declares a `new-sdo`, `new-sco` or `new-sro` extension (section
 * 7.3), which is how STIX 2.1 defines new object types.
 */
export function stixTypeKind(type: string, object?: Record<string, unknown>): StixTypeKind | undefined {
  if (DOMAIN.has(type)) return 'domain';
  if (OBSERVABLE.has(type)) return 'observable';
  if (RELATIONSHIP.has(type)) return 'relationship';
  if (META.has(type)) return 'meta';
  if (type.startsWith('x-')) return 'custom';
  if (object && declaresNewObjectType(object)) return 'custom';
  return undefined;
}

function declaresNewObjectType(object: Record<string, unknown>): boolean {
  const extensions = object['extensions'];
  if (typeof extensions !== 'object' || extensions === null) return false;
  return Object.values(extensions).some((extension) => {
    const kind = typeof extension === 'object' && extension !== null ? (extension as Record<string, unknown>)['extension_type'] : undefined;
    return kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro';
  });
}

/** A type name: 3 to 250 characters, lower-case ASCII letters, digits and hyphens (section 3.1). */
export const STIX_TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;

/**
 * An identifier: `<type>--<UUID>` (section 2.9), the UUID in RFC 4122's form (version 1 to 5,
 * variant bits 10). The part before `--` must be the object's own type.
 */
export const STIX_IDENTIFIER = /^([a-z0-9][a-z0-9-]{1,248}[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/**
 * The type an identifier names, or undefined when it is not an identifier. Read by splitting at
 * the UUID's fixed length rather than by {@link STIX_IDENTIFIER}, whose type part backtracks:
 * a bundle holds tens of thousands of identifiers.
 */
export function identifierType(id: string): string | undefined {
  if (id.length < 41) return undefined;
  const type = id.slice(0, -38);
  if (id.slice(-38, -36) !== '--' || !STIX_TYPE_NAME.test(type) || !UUID.test(id.slice(-36))) return undefined;
  return type;
}

export function isStixIdentifier(id: string): boolean {
  return identifierType(id) !== undefined;
}

/**
 * A timestamp: RFC 3339 in UTC, with `Z` and optional fractions of a second (section 3.2). The
 * specification asks producers for milliseconds in `created` and `modified`; its own JSON
 * schema reads any precision, and so does the cell.
 */
export const STIX_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** Whether a string is a STIX timestamp of a real instant (no 31 February, no hour 25). */
export function isStixTimestamp(value: string): boolean {
  const match = STIX_TIMESTAMP.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  // A leap second (:60) is an RFC 3339 time; the calendar check below reads it as :59.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A property name: ASCII a-z, 0-9 and `_`, 3 to 250 characters, or `id` (section 3.1). */
export const STIX_PROPERTY_NAME = /^(?:[a-z0-9_]{3,250}|id)$/;

/** A custom property of an object the specification defines: `x_` and at least one more character (section 11.1). */
export const STIX_CUSTOM_PROPERTY_NAME = /^x_[a-z0-9_]{1,248}$/;

/** The properties that reference other objects by identifier, one (`_ref`) or a list (`_refs`). */
export function isReferenceProperty(name: string): 'one' | 'list' | undefined {
  if (name.endsWith('_refs')) return 'list';
  if (name.endsWith('_ref')) return 'one';
  return undefined;
}

/** The largest bundle the cell reads, in bytes of JSON. */
export const MAX_STIX_BUNDLE_BYTES = 20 * 1024 * 1024;
/** The most objects one bundle may hold. */
export const MAX_STIX_OBJECTS = 20_000;
/** The most reports one import enters: each is a signed item. */
export const MAX_STIX_REPORTS = 1_000;
