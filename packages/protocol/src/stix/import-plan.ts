import { LANGUAGES, type CompartmentKind, type Language } from '../common.ts';
import { Place } from '../geo.ts';
import { Credibility, Reliability } from '../intelligence/admiralty.ts';
import { tlpRefusal, type Tlp } from '../intelligence/tlp.ts';
import { IntelReportPayload, MAX_REPORT_STIX_OBJECTS } from '../items/types/intelligence/report.ts';
import { credibilityOfConfidence } from './admiralty-confidence.ts';
import { strictestTlp, tlpOfMarkingId, tlpOfMarkingObject } from './tlp-markings.ts';
import { readStixBundleText, type StixObject, type StixProblem, type ValidStixBundle } from './validate-bundle.ts';
import { isReferenceProperty, isStixTimestamp, MAX_STIX_REPORTS } from './stix-vocabulary.ts';

export interface StixImportOptions {
  /** The marking of reports that carry no TLP marking; without it, such a report refuses the bundle. */
  unmarkedTlp?: Tlp | undefined;
  /** The language of reports whose `lang` is not one of the cell's: English unless said. */
  fallbackLanguage?: Language | undefined;
  /** The kind of compartment the reports go to, when known: a marking it may not hold refuses the bundle. */
  compartmentKind?: CompartmentKind | undefined;
}

/** Why an object of the bundle is not imported. */
export type StixSkipReason =
  /** No report refers to it, nor does it refer to a report. */
  | 'unreferenced'
  /** An older version of an object the bundle holds in a later one, or a repeat. */
  | 'superseded'
  /** Its report's signed item could not hold it as well (a signed payload holds 64 KiB). */
  | 'too-large';

/** Something the import changed from what the bundle said, to be shown before anything is signed. */
export type StixReportNote =
  | { code: 'language-fallback'; lang: string; language: Language }
  | { code: 'title-cut' }
  | { code: 'unmarked'; tlp: Tlp }
  | { code: 'too-large'; objects: number };

export interface StixReportPreview {
  stixId: string;
  title: string;
  tlp: Tlp;
  language: Language;
  /** STIX objects kept with it. */
  kept: number;
  notes: StixReportNote[];
}

/** What an import would do, counted by STIX type: the same words from the server, the web app and the command line. */
export interface StixImportSummary {
  bundleId: string;
  /** Objects in the bundle, every version counted. */
  objects: number;
  reports: StixReportPreview[];
  /** Objects that became fields of the cell's reports: the reports themselves, their location, their TLP marking. */
  mapped: Record<string, number>;
  /** Objects kept as STIX with a report, each counted once. */
  kept: Record<string, number>;
  skipped: Array<{ type: string; reason: StixSkipReason; count: number }>;
}

export interface PlannedReport {
  stixId: string;
  payload: IntelReportPayload;
}

export type StixImportPlan = { ok: true; summary: StixImportSummary; reports: PlannedReport[] } | { ok: false; problems: StixProblem[] };

/**
 * Room in a report's signed payload (the record holds payloads of at most 64 KiB) for the STIX
 * objects it keeps. The payload is measured
 * as compact JSON; the signed canonical form orders keys differently and writes some numbers
 * differently, so a little is left over.
 */
const PAYLOAD_BUDGET_BYTES = 64 * 1024 - 1024;

/** The report properties the cell's fields carry; any other is kept with the report's own STIX object. */
export const MAPPED_REPORT_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'created_by_ref',
  'name',
  'description',
  'published',
  'object_refs',
  'object_marking_refs',
  'lang',
  'confidence',
  'x_fusion_cell_summary',
  'x_fusion_cell_reliability',
  'x_fusion_cell_credibility',
  'x_fusion_cell_information_time',
  'x_fusion_cell_caveats',
  'x_fusion_cell_item',
  'x_fusion_cell_compartment',
  'x_admiralty_reliability',
  'x_admiralty_credibility',
]);

export function planStixImportFromText(text: string, options: StixImportOptions = {}): StixImportPlan {
  const reading = readStixBundleText(text);
  return reading.ok ? planStixImport(reading.bundle, options) : reading;
}

/**
 * Maps a valid bundle to the cell's reports: each STIX `report` becomes an `intel.report`
 * payload (name → title, description → body, TLP from its markings, the Admiralty grades and
 * the time of information from the cell's custom properties or STIX `confidence`, a location
 * it refers to), keeping with it, as STIX, the objects it refers to and those that refer to it.
 * Nothing is dropped unsaid: every other object is counted as skipped, with the reason.
 */
export function planStixImport(bundle: ValidStixBundle, options: StixImportOptions = {}): StixImportPlan {
  const reports = bundle.objects.filter((object) => object.type === 'report');
  if (reports.length > MAX_STIX_REPORTS) {
    return { ok: false, problems: [{ objectId: bundle.id, property: 'objects', message: `holds ${reports.length} reports; one import enters at most ${MAX_STIX_REPORTS}` }] };
  }
  const referrers = referrerIndex(bundle.objects);
  const problems: StixProblem[] = [];
  const planned: PlannedReport[] = [];
  const previews: StixReportPreview[] = [];
  const mapped = new Map<string, StixObject>();
  const keptIds = new Set<string>();
  const tooLarge = new Set<string>();
  for (const report of reports) {
    mapped.set(report.id, report);
    const mapping = mapReport(report, bundle, options);
    if ('problem' in mapping) {
      problems.push(mapping.problem);
      continue;
    }
    if (mapping.location) mapped.set(mapping.location.id, mapping.location);
    for (const marking of mapping.markings) mapped.set(marking.id, marking);
    const kept = keptObjects(report, bundle, referrers, mapping.location?.id);
    const chosen = fitWithin(mapping.payload, report, kept);
    for (const object of chosen.kept) if (object.id !== report.id) keptIds.add(object.id);
    for (const object of chosen.left) tooLarge.add(object.id);
    const notes = [...mapping.notes];
    if (chosen.left.length > 0) notes.push({ code: 'too-large', objects: chosen.left.length });
    const payload: IntelReportPayload = chosen.stix.length > 0 ? { ...mapping.payload, stix: chosen.stix } : mapping.payload;
    const checked = IntelReportPayload.safeParse(payload);
    if (!checked.success) {
      const [issue] = checked.error.issues;
      problems.push({ objectId: report.id, message: `does not fit a report of the cell: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() });
      continue;
    }
    planned.push({ stixId: report.id, payload: checked.data });
    previews.push({ stixId: report.id, title: payload.title, tlp: payload.tlp, language: payload.language, kept: chosen.kept.filter((object) => object.id !== report.id).length, notes });
  }
  if (problems.length > 0) return { ok: false, problems };
  // Well-known TLP markings the bundle carries are the cell's own markings, whoever refers to them.
  for (const object of bundle.objects) if (object.type === 'marking-definition' && tlpOfMarkingId(object.id)) mapped.set(object.id, object);
  const kept: Record<string, number> = {};
  const skipped = new Map<string, { type: string; reason: StixSkipReason; count: number }>();
  const skip = (type: string, reason: StixSkipReason) => {
    const key = `${type} ${reason}`;
    const entry = skipped.get(key) ?? { type, reason, count: 0 };
    entry.count += 1;
    skipped.set(key, entry);
  };
  for (const object of bundle.objects) {
    if (mapped.has(object.id)) continue;
    if (keptIds.has(object.id)) kept[object.type] = (kept[object.type] ?? 0) + 1;
    else skip(object.type, tooLarge.has(object.id) ? 'too-large' : 'unreferenced');
  }
  for (const object of bundle.superseded) skip(object.type, 'superseded');
  return {
    ok: true,
    reports: planned,
    summary: {
      bundleId: bundle.id,
      objects: bundle.objects.length + bundle.superseded.length,
      reports: previews,
      mapped: countByType(mapped.values()),
      kept,
      skipped: [...skipped.values()],
    },
  };
}

type Mapping = { payload: IntelReportPayload; location?: StixObject; markings: StixObject[]; notes: StixReportNote[] } | { problem: StixProblem };

function mapReport(report: StixObject, bundle: ValidStixBundle, options: StixImportOptions): Mapping {
  const refuse = (property: string, message: string): Mapping => ({ problem: { objectId: report.id, property, message } });
  const notes: StixReportNote[] = [];
  const text = (name: string) => (typeof report[name] === 'string' ? (report[name] as string).trim() : undefined);

  const markingIds = (report['object_marking_refs'] as string[] | undefined) ?? [];
  const markings = markingIds.map((id) => bundle.byId.get(id)).filter((object): object is StixObject => object !== undefined);
  const levels = markingIds.map((id) => tlpOfMarkingId(id) ?? tlpOfObject(bundle.byId.get(id))).filter((tlp): tlp is Tlp => tlp !== undefined);
  let tlp = strictestTlp(levels);
  if (tlp === undefined) {
    if (options.unmarkedTlp === undefined) return refuse('object_marking_refs', 'carries no TLP marking: mark it at the source, or choose the TLP the cell gives reports without one');
    tlp = options.unmarkedTlp;
    notes.push({ code: 'unmarked', tlp });
  }
  const refusal = options.compartmentKind ? tlpRefusal(tlp, options.compartmentKind) : undefined;
  if (refusal) return refuse('object_marking_refs', refusal);

  let title = text('name') ?? '';
  if (title === '') return refuse('name', 'a report needs a name, which becomes its title');
  if (title.length > 300) {
    title = `${title.slice(0, 299).trimEnd()}…`;
    notes.push({ code: 'title-cut' });
  }
  const description = text('description');
  const body = description || title;
  if (body.length > 40_000) return refuse('description', `is ${body.length} characters; a report’s body holds at most 40,000`);

  const ownSummary = text('x_fusion_cell_summary');
  if (ownSummary !== undefined && (ownSummary === '' || ownSummary.length > 2000)) return refuse('x_fusion_cell_summary', 'must be 1 to 2,000 characters');
  const summary = ownSummary ?? summaryOf(description) ?? title;

  const lang = text('lang');
  const primary = lang?.toLowerCase().split('-')[0];
  let language: Language = options.fallbackLanguage ?? 'en';
  if (primary !== undefined && (LANGUAGES as readonly string[]).includes(primary)) language = primary as Language;
  else if (lang !== undefined) notes.push({ code: 'language-fallback', lang, language });

  const reliabilityValue = report['x_fusion_cell_reliability'] ?? report['x_admiralty_reliability'];
  const reliabilityProperty = report['x_fusion_cell_reliability'] !== undefined ? 'x_fusion_cell_reliability' : 'x_admiralty_reliability';
  const reliability = Reliability.safeParse(typeof reliabilityValue === 'string' ? reliabilityValue.toUpperCase() : reliabilityValue);
  if (reliabilityValue !== undefined && !reliability.success) return refuse(reliabilityProperty, 'must be a source reliability grade from A to F');

  const credibilityValue = report['x_fusion_cell_credibility'] ?? report['x_admiralty_credibility'];
  const credibilityProperty = report['x_fusion_cell_credibility'] !== undefined ? 'x_fusion_cell_credibility' : 'x_admiralty_credibility';
  const credibility = Credibility.safeParse(typeof credibilityValue === 'string' ? Number(credibilityValue) : credibilityValue);
  if (credibilityValue !== undefined && !credibility.success) return refuse(credibilityProperty, 'must be an information credibility grade from 1 to 6');
  const confidence = typeof report['confidence'] === 'number' ? credibilityOfConfidence(report['confidence']) : undefined;

  const informationTime = report['x_fusion_cell_information_time'] ?? report['published'];
  if (typeof informationTime !== 'string' || !isStixTimestamp(informationTime)) return refuse('x_fusion_cell_information_time', 'must be a STIX timestamp');

  const caveats = report['x_fusion_cell_caveats'];
  const caveatsRead = IntelReportPayload.shape.caveats.safeParse(caveats);
  if (!caveatsRead.success) return refuse('x_fusion_cell_caveats', 'must be a list of at most 20 short phrases (200 characters each)');

  const place = placeOf(report, bundle);
  if (place && 'problem' in place) return place;

  const payload: IntelReportPayload = {
    title,
    summary,
    body,
    language,
    tlp,
    // The Admiralty code's own words for a grade nobody gave: F, reliability cannot be judged; 6, truth cannot be judged.
    reliability: reliability.success ? reliability.data : 'F',
    credibility: credibility.success ? credibility.data : (confidence ?? 6),
    informationTime,
    ...(place ? { location: place.place } : {}),
    ...(caveatsRead.data ? { caveats: caveatsRead.data } : {}),
  };
  return { payload, markings, notes, ...(place ? { location: place.object } : {}) };
}

function tlpOfObject(object: StixObject | undefined): Tlp | undefined {
  return object ? tlpOfMarkingObject(object) : undefined;
}

/** The first paragraph of a description, cut to fit a summary; undefined when there is none. */
function summaryOf(description: string | undefined): string | undefined {
  const first = description?.split(/\n\s*\n/)[0]?.trim();
  if (!first) return undefined;
  if (first.length <= 2000) return first;
  const cut = first.slice(0, 1999);
  const space = cut.lastIndexOf(' ');
  return `${(space > 1500 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The report's place: the first location it refers to that has coordinates, or the cell's own
 * geometry (`x_fusion_cell_geometry`, for an area, which STIX cannot draw).
 */
function placeOf(report: StixObject, bundle: ValidStixBundle): { place: Place; object: StixObject } | { problem: StixProblem } | undefined {
  for (const id of (report['object_refs'] as string[] | undefined) ?? []) {
    const object = bundle.byId.get(id);
    if (object?.type !== 'location') continue;
    if (object['x_fusion_cell_geometry'] !== undefined) {
      const geometry = Place.safeParse(object['x_fusion_cell_geometry']);
      if (!geometry.success) {
        return { problem: { objectId: object.id, property: 'x_fusion_cell_geometry', message: `must be a GeoJSON Point, Polygon or MultiPolygon: ${geometry.error.issues[0]?.message ?? ''}` } };
      }
      return { place: geometry.data, object };
    }
    if (typeof object['latitude'] === 'number' && typeof object['longitude'] === 'number') {
      return { place: { type: 'Point', coordinates: [object['longitude'], object['latitude']] }, object };
    }
  }
  return undefined;
}

/** For each object, the objects that refer to it. */
function referrerIndex(objects: readonly StixObject[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const object of objects) {
    for (const target of referencesOf(object)) {
      const list = index.get(target);
      if (list) list.push(object.id);
      else index.set(target, [object.id]);
    }
  }
  return index;
}

/** Every identifier an object's top-level references name. */
export function referencesOf(object: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(object)) {
    const kind = isReferenceProperty(name);
    if (kind === 'one' && typeof value === 'string') found.push(value);
    if (kind === 'list' && Array.isArray(value)) for (const item of value) if (typeof item === 'string') found.push(item);
  }
  return found;
}

/**
 * What a report keeps, nearest first: what it refers to and what refers to it, then what those
 * refer to, and so on. Other reports are imported on their own; its location and TLP markings
 * became its fields.
 */
function keptObjects(report: StixObject, bundle: ValidStixBundle, referrers: Map<string, string[]>, locationId: string | undefined): StixObject[] {
  const seen = new Set<string>([report.id]);
  const queue: string[] = [...referencesOf(report).filter((id) => !(report['object_marking_refs'] as string[] | undefined)?.includes(id)), ...(referrers.get(report.id) ?? [])];
  if (locationId) seen.add(locationId);
  const kept: StixObject[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const object = bundle.byId.get(id);
    if (!object || object.type === 'report' || tlpOfMarkingId(id)) continue;
    kept.push(object);
    queue.push(...referencesOf(object));
  }
  return kept;
}

/**
 * The kept objects that fit in the report's signed payload, nearest first, behind the report's
 * own STIX object: it keeps the report's identifier (kept objects that refer to the report are
 * pointed at the new one on export), which of them the report listed in `object_refs`, and what
 * it says beyond the cell's fields (labels, external references, custom properties). Its
 * description is the body already, and is left out.
 */
function fitWithin(payload: IntelReportPayload, report: StixObject, kept: StixObject[]): { stix: Record<string, unknown>[]; kept: StixObject[]; left: StixObject[] } {
  const encoder = new TextEncoder();
  const size = (value: unknown) => encoder.encode(JSON.stringify(value)).byteLength;
  const unmapped = Object.keys(report).some((name) => !MAPPED_REPORT_PROPERTIES.has(name));
  if (kept.length === 0 && !unmapped) return { stix: [], kept: [], left: [] };
  const { description: _description, ...own } = report;
  const stix: Record<string, unknown>[] = [own];
  const chosen: StixObject[] = [];
  let used = size(payload) + size(own) + ',"stix":[]'.length;
  let index = 0;
  for (; index < kept.length && stix.length < MAX_REPORT_STIX_OBJECTS; index += 1) {
    const object = kept[index] as StixObject;
    const cost = size(object) + 1;
    if (used + cost > PAYLOAD_BUDGET_BYTES) break;
    used += cost;
    stix.push(object);
    chosen.push(object);
  }
  if (chosen.length === 0 && !unmapped) return { stix: [], kept: [], left: kept };
  return { stix, kept: chosen, left: kept.slice(index) };
}

function countByType(objects: Iterable<StixObject>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of objects) counts[object.type] = (counts[object.type] ?? 0) + 1;
  return counts;
}
