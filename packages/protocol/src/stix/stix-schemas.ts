import { z } from 'zod';
import { identifierType, isStixIdentifier, isStixTimestamp } from './stix-vocabulary.ts';

/**
 * The STIX 2.1 properties the cell checks, as zod schemas (OASIS, STIX Version 2.1): the
 * common properties every object may have (section 3.2), and the whole of the objects the cell
 * maps to its own items. Unknown properties are checked apart, by name (custom ones start with
 * `x_`), since a schema cannot list what a producer may add.
 */

export const StixTimestamp = z.string().refine(isStixTimestamp, 'must be an RFC 3339 timestamp in UTC ending in Z, such as 2016-05-12T08:17:27.000Z');

export const StixIdentifier = z.string().refine(isStixIdentifier, 'must be an identifier <type>--<UUID>');

/** An identifier of one of these types. */
export function identifierOf(...types: string[]) {
  return StixIdentifier.refine((id) => types.includes(identifierType(id) ?? ''), `must be the identifier of a ${types.join(' or ')}`);
}

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must hold at least one value when present');

export const ExternalReference = z.looseObject({
  source_name: z.string().min(1),
  description: z.string().optional(),
  url: z.string().optional(),
  hashes: z.record(z.string(), z.string()).optional(),
  external_id: z.string().optional(),
});

export const GranularMarking = z
  .looseObject({
    lang: z.string().optional(),
    marking_ref: identifierOf('marking-definition').optional(),
    selectors: nonEmpty(z.string()),
  })
  .refine((marking) => (marking.lang === undefined) !== (marking.marking_ref === undefined), 'a granular marking has either lang or marking_ref');

/** Properties every STIX Domain and Relationship Object may carry (section 3.2). */
export const COMMON_PROPERTIES = {
  type: z.string(),
  spec_version: z.literal('2.1', 'must be "2.1"'),
  id: StixIdentifier,
  created_by_ref: identifierOf('identity').optional(),
  created: StixTimestamp,
  modified: StixTimestamp,
  revoked: z.boolean().optional(),
  labels: nonEmpty(z.string()).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  lang: z.string().min(1).optional(),
  external_references: nonEmpty(ExternalReference).optional(),
  object_marking_refs: nonEmpty(identifierOf('marking-definition')).optional(),
  granular_markings: nonEmpty(GranularMarking).optional(),
  extensions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
};

const laterOrSame = (object: { created: string; modified: string }) => Date.parse(object.modified) >= Date.parse(object.created);
const modifiedAfterCreated = { message: 'must not be earlier than created', path: ['modified'] };

export const OPINION_SCALE = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

export const StixReport = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('report'),
    name: z.string().min(1, 'a report must have a name'),
    description: z.string().optional(),
    report_types: nonEmpty(z.string()).optional(),
    published: StixTimestamp,
    object_refs: nonEmpty(StixIdentifier),
  })
  .refine(laterOrSame, modifiedAfterCreated);
export type StixReport = z.infer<typeof StixReport>;

export const StixOpinion = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('opinion'),
    explanation: z.string().optional(),
    authors: nonEmpty(z.string()).optional(),
    opinion: z.enum(OPINION_SCALE, 'must be one of strongly-disagree, disagree, neutral, agree, strongly-agree'),
    object_refs: nonEmpty(StixIdentifier),
  })
  .refine(laterOrSame, modifiedAfterCreated);
export type StixOpinion = z.infer<typeof StixOpinion>;

export const StixIdentity = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('identity'),
    name: z.string().min(1, 'an identity must have a name'),
    description: z.string().optional(),
    roles: nonEmpty(z.string()).optional(),
    identity_class: z.string().optional(),
    sectors: nonEmpty(z.string()).optional(),
    contact_information: z.string().optional(),
  })
  .refine(laterOrSame, modifiedAfterCreated);
export type StixIdentity = z.infer<typeof StixIdentity>;

export const StixLocation = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('location'),
    name: z.string().optional(),
    description: z.string().optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    precision: z.number().min(0).optional(),
    region: z.string().optional(),
    country: z.string().optional(),
    administrative_area: z.string().optional(),
    city: z.string().optional(),
    street_address: z.string().optional(),
    postal_code: z.string().optional(),
  })
  .refine(laterOrSame, modifiedAfterCreated)
  .refine((location) => (location.latitude === undefined) === (location.longitude === undefined), { message: 'latitude and longitude go together', path: ['latitude'] })
  .refine((location) => location.precision === undefined || location.latitude !== undefined, { message: 'precision needs latitude and longitude', path: ['precision'] })
  .refine((location) => location.region !== undefined || location.country !== undefined || location.latitude !== undefined, {
    message: 'a location needs region, country, or latitude and longitude',
    path: ['region'],
  });
export type StixLocation = z.infer<typeof StixLocation>;

/** A marking-definition (section 7.2.1): created once, never modified. */
export const StixMarkingDefinition = z
  .looseObject({
    type: z.literal('marking-definition'),
    spec_version: z.literal('2.1', 'must be "2.1"'),
    id: identifierOf('marking-definition'),
    created_by_ref: identifierOf('identity').optional(),
    created: StixTimestamp,
    external_references: nonEmpty(ExternalReference).optional(),
    object_marking_refs: nonEmpty(identifierOf('marking-definition')).optional(),
    granular_markings: nonEmpty(GranularMarking).optional(),
    extensions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    name: z.string().optional(),
    definition_type: z.string().optional(),
    definition: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((marking) => (marking.definition_type === undefined) === (marking.definition === undefined), {
    message: 'definition_type and definition go together',
    path: ['definition'],
  })
  .refine((marking) => marking.definition !== undefined || marking.extensions !== undefined, {
    message: 'a marking-definition needs a definition or an extension',
    path: ['definition'],
  });

export const StixRelationship = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('relationship'),
    relationship_type: z.string().min(1),
    description: z.string().optional(),
    source_ref: StixIdentifier,
    target_ref: StixIdentifier,
    start_time: StixTimestamp.optional(),
    stop_time: StixTimestamp.optional(),
  })
  .refine(laterOrSame, modifiedAfterCreated);

export const StixSighting = z
  .looseObject({
    ...COMMON_PROPERTIES,
    type: z.literal('sighting'),
    description: z.string().optional(),
    first_seen: StixTimestamp.optional(),
    last_seen: StixTimestamp.optional(),
    count: z.number().int().min(0).max(999_999_999).optional(),
    sighting_of_ref: StixIdentifier,
    observed_data_refs: nonEmpty(identifierOf('observed-data')).optional(),
    where_sighted_refs: nonEmpty(identifierOf('identity', 'location')).optional(),
    summary: z.boolean().optional(),
  })
  .refine(laterOrSame, modifiedAfterCreated);

/**
 * The properties each checked type defines beyond the common ones; any other property of these
 * objects must be a custom one (`x_…`).
 */
export const DEFINED_PROPERTIES: Readonly<Record<string, ReadonlySet<string>>> = {
  report: new Set(['name', 'description', 'report_types', 'published', 'object_refs']),
  opinion: new Set(['explanation', 'authors', 'opinion', 'object_refs']),
  identity: new Set(['name', 'description', 'roles', 'identity_class', 'sectors', 'contact_information']),
  location: new Set(['name', 'description', 'latitude', 'longitude', 'precision', 'region', 'country', 'administrative_area', 'city', 'street_address', 'postal_code']),
  'marking-definition': new Set(['name', 'definition_type', 'definition']),
  relationship: new Set(['relationship_type', 'description', 'source_ref', 'target_ref', 'start_time', 'stop_time']),
  sighting: new Set(['description', 'first_seen', 'last_seen', 'count', 'sighting_of_ref', 'observed_data_refs', 'where_sighted_refs', 'summary']),
};

export const COMMON_PROPERTY_NAMES: ReadonlySet<string> = new Set(Object.keys(COMMON_PROPERTIES));
/** A marking-definition has no `modified` and none of the SDO-only common properties. */
export const MARKING_COMMON_PROPERTY_NAMES: ReadonlySet<string> = new Set(['type', 'spec_version', 'id', 'created_by_ref', 'created', 'external_references', 'object_marking_refs', 'granular_markings', 'extensions']);

/** The full schema of each type the cell checks property by property. */
export const CHECKED_TYPES: Readonly<Record<string, z.ZodType>> = {
  report: StixReport,
  opinion: StixOpinion,
  identity: StixIdentity,
  location: StixLocation,
  'marking-definition': StixMarkingDefinition,
  relationship: StixRelationship,
  sighting: StixSighting,
};

/** The common properties alone, for every other object that is not a cyber-observable. */
export const StixCommonObject = z.looseObject(COMMON_PROPERTIES).refine(laterOrSame, modifiedAfterCreated);

/** A cyber-observable (section 6): no created or modified, spec_version optional. */
export const StixObservable = z.looseObject({
  type: z.string(),
  id: StixIdentifier,
  spec_version: z.literal('2.1', 'must be "2.1"').optional(),
  object_marking_refs: nonEmpty(identifierOf('marking-definition')).optional(),
  granular_markings: nonEmpty(GranularMarking).optional(),
  defanged: z.boolean().optional(),
  extensions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
