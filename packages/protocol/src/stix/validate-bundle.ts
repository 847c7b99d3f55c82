import type { z } from 'zod';
import {
  CHECKED_TYPES,
  COMMON_PROPERTY_NAMES,
  DEFINED_PROPERTIES,
  MARKING_COMMON_PROPERTY_NAMES,
  StixCommonObject,
  StixObservable,
} from './stix-schemas.ts';
import { isWellKnownMarking, tlpClaimsOfMarking, tlpOfMarkingId } from './tlp-markings.ts';
import {
  identifierType,
  isReferenceProperty,
  MAX_STIX_BUNDLE_BYTES,
  MAX_STIX_OBJECTS,
  STIX_CUSTOM_PROPERTY_NAME,
  isStixIdentifier,
  STIX_PROPERTY_NAME,
  STIX_TYPE_NAME,
  stixTypeKind,
  type StixTypeKind,
} from './stix-vocabulary.ts';

/** One STIX object as read from a bundle: its type and id checked, the rest as the producer wrote it. */
export type StixObject = Record<string, unknown> & { type: string; id: string };

/** What is wrong with a bundle: the object (by id, or by position when it has no usable id) and the property. */
export interface StixProblem {
  objectId?: string;
  /** The object's position in `objects`, from 0. */
  index?: number;
  property?: string;
  message: string;
}

export interface ValidStixBundle {
  id: string;
  /** Each object once, at its latest version, in bundle order. */
  objects: StixObject[];
  byId: ReadonlyMap<string, StixObject>;
  /** Older versions of an object (same id, earlier `modified`) and exact repeats, which the latest stands for. */
  superseded: StixObject[];
}

export type StixBundleReading = { ok: true; bundle: ValidStixBundle } | { ok: false; problems: StixProblem[] };

/** Past this many, a bundle's problems are not all listed: the first ones say what to fix. */
const MAX_PROBLEMS = 20;

/** One line for a person: `report--… object_refs[2]: …`. */
export function describeStixProblem(problem: StixProblem): string {
  const where = problem.objectId ?? (problem.index !== undefined ? `objects[${problem.index}]` : 'the bundle');
  return `${where}${problem.property ? ` ${problem.property}` : ''}: ${problem.message}`;
}

/**
 * Reads a bundle from its text: its size first (before parsing anything), then JSON, then
 * {@link validateStixBundle}.
 */
export function readStixBundleText(text: string): StixBundleReading {
  const bytes = text.length * 3 <= MAX_STIX_BUNDLE_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_STIX_BUNDLE_BYTES) {
    return refuse({ message: `the bundle is ${megabytes(bytes)}; the cell reads bundles of at most ${megabytes(MAX_STIX_BUNDLE_BYTES)}` });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse({ message: `the file is not JSON: ${(error as Error).message}` });
  }
  return validateStixBundle(value);
}

/**
 * Checks a parsed bundle against the rules of STIX 2.1: the bundle's own shape (a 2.0 bundle
 * and per-type arrays are refused with the reason), each object's type, identifier, version,
 * timestamps and properties, and every reference (to an object the bundle holds, or a TLP
 * marking every consumer knows). Any problem refuses the whole bundle.
 */
export function validateStixBundle(value: unknown): StixBundleReading {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse({ message: 'a STIX bundle is a JSON object with "type": "bundle"' });
  const bundle = value as Record<string, unknown>;
  const shape = bundleShapeProblem(bundle);
  if (shape) return refuse(shape);
  const list = (bundle['objects'] ?? []) as unknown[];
  const problems: StixProblem[] = [];
  const versions = new Map<string, StixObject[]>();
  const order: string[] = [];
  for (let index = 0; index < list.length && problems.length < MAX_PROBLEMS; index += 1) {
    const checked = checkObject(list[index], index);
    if ('problem' in checked) {
      problems.push(checked.problem);
      continue;
    }
    const seen = versions.get(checked.object.id);
    if (seen) seen.push(checked.object);
    else {
      versions.set(checked.object.id, [checked.object]);
      order.push(checked.object.id);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const byId = new Map<string, StixObject>();
  const superseded: StixObject[] = [];
  for (const id of order) {
    const [latest, ...older] = latestFirst(versions.get(id) ?? []);
    if (latest) byId.set(id, latest);
    superseded.push(...older);
  }
  const objects = [...byId.values()];
  for (const object of objects) {
    for (const problem of referenceProblems(object, byId)) {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bundle: { id: bundle['id'] as string, objects, byId, superseded } };
}

/**
 * Checks the STIX objects a report keeps (its `stix`), each as in a bundle. Their references are
 * not followed: a report keeps what fitted, and may name objects it could not keep.
 */
export function keptStixObjectsProblem(objects: readonly unknown[]): StixProblem | undefined {
  for (let index = 0; index < objects.length; index += 1) {
    const checked = checkObject(objects[index], index);
    if ('problem' in checked) return checked.problem;
  }
  return undefined;
}

function bundleShapeProblem(bundle: Record<string, unknown>): StixProblem | undefined {
  if (bundle['type'] !== 'bundle') {
    const single = typeof bundle['type'] === 'string' && typeof bundle['id'] === 'string';
    return {
      property: 'type',
      message: single ? `this is one STIX object (${String(bundle['type'])}), not a bundle: a bundle has "type": "bundle" and its objects in "objects"` : 'must be "bundle"',
    };
  }
  if (bundle['spec_version'] !== undefined) {
    const version = JSON.stringify(bundle['spec_version']);
    return {
      property: 'spec_version',
      message: `a STIX ${version === '"2.0"' ? '2.0' : version} bundle: this cell reads STIX 2.1, whose bundles carry no spec_version (each object says "2.1")`,
    };
  }
  if (typeof bundle['id'] !== 'string' || identifierType(bundle['id']) !== 'bundle') return { property: 'id', message: 'must be the bundle’s identifier, bundle--<UUID>' };
  for (const [name, property] of Object.entries(bundle)) {
    if (name === 'type' || name === 'id' || name === 'objects') continue;
    if (Array.isArray(property)) {
      return { objectId: bundle['id'], property: name, message: `per-type arrays such as "${name}" are not STIX 2.1: a 2.1 bundle lists every object in "objects"` };
    }
    return { objectId: bundle['id'], property: name, message: 'a STIX 2.1 bundle has type, id and objects only' };
  }
  const objects = bundle['objects'];
  if (objects !== undefined && !Array.isArray(objects)) return { objectId: bundle['id'], property: 'objects', message: 'must be a list of STIX objects' };
  if (Array.isArray(objects) && objects.length > MAX_STIX_OBJECTS) {
    return { objectId: bundle['id'], property: 'objects', message: `holds ${objects.length} objects; the cell reads bundles of at most ${MAX_STIX_OBJECTS}` };
  }
  return undefined;
}

type Checked = { object: StixObject } | { problem: StixProblem };

function checkObject(value: unknown, index: number): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: { index, message: 'a STIX object is a JSON object' } };
  const object = value as Record<string, unknown>;
  const id = typeof object['id'] === 'string' ? object['id'] : undefined;
  const at = (property: string | undefined, message: string): Checked => ({ problem: { ...(id !== undefined ? { objectId: id } : { index }), ...(property ? { property } : {}), message } });
  const type = object['type'];
  if (typeof type !== 'string') return at('type', 'every STIX object has a type');
  if (!STIX_TYPE_NAME.test(type)) return at('type', `"${type}" is not a STIX type name (3 to 250 characters: a-z, 0-9 and -)`);
  const kind = stixTypeKind(type, object);
  if (kind === undefined) return at('type', `"${type}" is not an object type STIX 2.1 defines, nor a custom type (x-…)`);
  if (id === undefined) return at('id', 'every STIX object has an id');
  if (!isStixIdentifier(id)) return at('id', `"${id}" is not a STIX identifier: ${type}--<UUID>`);
  if (identifierType(id) !== type) return at('id', `the identifier names a ${identifierType(id)}, but the object is a ${type}`);
  const version = object['spec_version'];
  if (version === '2.0') return at('spec_version', 'a STIX 2.0 object: this cell reads STIX 2.1');
  if (version === undefined && kind !== 'observable') return at('spec_version', 'is required ("2.1"); objects without one are STIX 2.0, which this cell does not read');
  const names = propertyNameProblem(object, type, kind);
  if (names) return at(names.property, names.message);
  const schema = schemaOf(type, kind);
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return at(propertyPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const official = type === 'marking-definition' ? tlpOfMarkingId(id) : undefined;
  if (official) {
    // A bundle may carry a well-known marking, but not under another level's name.
    const wrong = tlpClaimsOfMarking(object).find((claim) => claim.tlp !== official);
    if (wrong) return at(wrong.property, `${id} is the official TLP:${official} marking, but this object says TLP:${wrong.tlp}`);
  }
  return { object: object as StixObject };
}

function schemaOf(type: string, kind: StixTypeKind): z.ZodType {
  const checked = CHECKED_TYPES[type];
  if (checked) return checked;
  // Custom objects may be observables too; they then say so with no created or modified.
  return kind === 'observable' ? StixObservable : StixCommonObject;
}

function propertyNameProblem(object: Record<string, unknown>, type: string, kind: StixTypeKind): { property: string; message: string } | undefined {
  const defined = DEFINED_PROPERTIES[type];
  const common = type === 'marking-definition' ? MARKING_COMMON_PROPERTY_NAMES : COMMON_PROPERTY_NAMES;
  for (const name of Object.keys(object)) {
    if (!STIX_PROPERTY_NAME.test(name)) return { property: name, message: 'is not a STIX property name (3 to 250 characters: a-z, 0-9 and _)' };
    if (defined && !defined.has(name) && !common.has(name) && !STIX_CUSTOM_PROPERTY_NAME.test(name)) {
      return { property: name, message: `is not a STIX 2.1 property of a ${type}; custom properties start with x_` };
    }
  }
  if (kind === 'observable' && (object['created'] !== undefined || object['modified'] !== undefined) && !defined) {
    // Cyber-observables carry no creation times (section 6): a 2.0 observable inside observed-data looked like this.
    return { property: object['created'] !== undefined ? 'created' : 'modified', message: `a ${type} is a cyber-observable, which has no created or modified in STIX 2.1` };
  }
  return undefined;
}

function referenceProblems(object: StixObject, byId: ReadonlyMap<string, StixObject>): StixProblem[] {
  const problems: StixProblem[] = [];
  const check = (property: string, value: unknown) => {
    if (typeof value !== 'string' || !isStixIdentifier(value)) {
      problems.push({ objectId: object.id, property, message: 'must be a STIX identifier <type>--<UUID>' });
      return;
    }
    if (byId.has(value) || isWellKnownMarking(value)) return;
    problems.push({ objectId: object.id, property, message: `refers to ${value}, which the bundle does not hold` });
  };
  for (const [name, value] of Object.entries(object)) {
    const reference = isReferenceProperty(name);
    if (reference === 'one') check(name, value);
    if (reference === 'list') {
      if (!Array.isArray(value)) problems.push({ objectId: object.id, property: name, message: 'must be a list of STIX identifiers' });
      else value.forEach((item, position) => check(`${name}[${position}]`, item));
    }
  }
  const granular = object['granular_markings'];
  if (Array.isArray(granular)) {
    granular.forEach((marking, position) => {
      const ref = (marking as Record<string, unknown>)['marking_ref'];
      if (ref !== undefined) check(`granular_markings[${position}].marking_ref`, ref);
    });
  }
  return problems;
}

/** Latest `modified` first; objects without one (observables, markings) keep their order. */
function latestFirst(versions: StixObject[]): StixObject[] {
  if (versions.length < 2) return versions;
  const time = (object: StixObject) => (typeof object['modified'] === 'string' ? Date.parse(object['modified']) : -Infinity);
  return [...versions].sort((a, b) => time(b) - time(a));
}

function propertyPath(path: PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? String(part) : `.${String(part)}`;
  return text;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function refuse(problem: StixProblem): StixBundleReading {
  return { ok: false, problems: [problem] };
}
