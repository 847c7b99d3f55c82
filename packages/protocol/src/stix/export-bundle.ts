import type { Place } from '../geo.ts';
import type { Tlp } from '../intelligence/tlp.ts';
import type { IntelOpinionPayload } from '../items/types/intelligence/opinion.ts';
import type { IntelReportPayload } from '../items/types/intelligence/report.ts';
import { confidenceOfCredibility } from './admiralty-confidence.ts';
import { MAPPED_REPORT_PROPERTIES, referencesOf } from './import-plan.ts';
import { stixIdNames, uuidV5, type Sha1 } from './stix-ids.ts';
import { isReferenceProperty } from './stix-vocabulary.ts';
import { tlp2MarkingDefinition, TLP2_MARKING_IDS } from './tlp-markings.ts';

export interface ExportedReport {
  itemId: string;
  compartment: string;
  authorParty: string;
  /** When its author signed it. */
  authoredAt: string;
  payload: IntelReportPayload;
}

export interface ExportedOpinion {
  itemId: string;
  authorParty: string;
  authoredAt: string;
  /** The report it gives an opinion on, which must be among the exported reports. */
  reportItemId: string;
  payload: IntelOpinionPayload;
}

export interface StixExportInput {
  cellId: string;
  parties: ReadonlyArray<{ id: string; name: string }>;
  reports: readonly ExportedReport[];
  opinions: readonly ExportedOpinion[];
  sha1: Sha1;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: Array<Record<string, unknown>>;
}

type StixOut = Record<string, unknown> & { type: string; id: string };

/**
 * The cell's reports as a STIX 2.1 bundle: each `intel.report` a `report` created by the
 * `identity` of its author's party, marked with the official TLP 2.0 `marking-definition`, its
 * place a `location`, its grades, summary, time of information and caveats in `x_fusion_cell_…`
 * properties (STIX has none for them; `confidence` also carries the credibility grade by the
 * specification's Admiralty table); each `intel.opinion` an `opinion` on it. Objects a report
 * kept from an imported bundle go out again as they came, their references to the report it
 * was turned into pointing at the new one. Identifiers derive from the items' ids, so exporting
 * the same reports twice gives the same bundle.
 */
export function buildStixBundle(input: StixExportInput): StixBundle {
  const id = (name: string) => uuidV5(name, input.sha1);
  const identityId = (party: string) => `identity--${id(stixIdNames.identity(input.cellId, party))}`;
  const reportIds = new Map(input.reports.map((report) => [report.itemId, `report--${id(stixIdNames.report(report.itemId))}`]));
  const firstAuthored = new Map<string, string>();
  const noteAuthor = (party: string, at: string) => {
    const earlier = firstAuthored.get(party);
    if (earlier === undefined || at < earlier) firstAuthored.set(party, at);
  };

  const content: StixOut[] = [];
  const kept = new Map<string, StixOut>();
  const usedTlps = new Set<Tlp>();
  for (const report of input.reports) {
    const at = utc(report.authoredAt);
    noteAuthor(report.authorParty, at);
    const reportId = reportIds.get(report.itemId) as string;
    const marking = TLP2_MARKING_IDS[report.payload.tlp];
    usedTlps.add(report.payload.tlp);
    const stix = report.payload.stix ?? [];
    const own = stix.find((object) => object['type'] === 'report');
    const originalId = typeof own?.['id'] === 'string' ? own['id'] : undefined;
    const listed = Array.isArray(own?.['object_refs']) ? new Set(own['object_refs'] as string[]) : undefined;
    const objectRefs: string[] = [];
    if (report.payload.location) {
      const location = locationObject(report.payload.location, `location--${id(stixIdNames.location(report.itemId))}`, at, marking);
      content.push(location);
      objectRefs.push(location.id);
    }
    for (const object of stix) {
      if (object === own || typeof object['id'] !== 'string' || typeof object['type'] !== 'string') continue;
      const out = (originalId ? pointedAt(object, originalId, reportId) : { ...object }) as StixOut;
      keepLatest(kept, out);
      // The report lists again what it listed; what it merely led to stays in the bundle beside it.
      if (!listed || listed.has(out.id)) objectRefs.push(out.id);
    }
    const extras = own ? Object.fromEntries(Object.entries(own).filter(([name]) => !MAPPED_REPORT_PROPERTIES.has(name))) : {};
    const confidence = confidenceOfCredibility(report.payload.credibility);
    const { evidence, caveats } = report.payload;
    content.push({
      type: 'report',
      spec_version: '2.1',
      id: reportId,
      created: at,
      modified: at,
      created_by_ref: identityId(report.authorParty),
      name: report.payload.title,
      description: report.payload.body,
      published: at,
      lang: report.payload.language,
      ...(confidence !== undefined ? { confidence } : {}),
      ...extras,
      // A report must refer to something: with nothing else, it refers to its author.
      object_refs: objectRefs.length > 0 ? objectRefs : [identityId(report.authorParty)],
      object_marking_refs: [marking],
      x_fusion_cell_summary: report.payload.summary,
      x_fusion_cell_reliability: report.payload.reliability,
      x_fusion_cell_credibility: report.payload.credibility,
      x_fusion_cell_information_time: utc(report.payload.informationTime),
      ...(caveats ? { x_fusion_cell_caveats: caveats } : {}),
      ...(evidence ? { x_fusion_cell_evidence: evidence } : {}),
      x_fusion_cell_item: report.itemId,
      x_fusion_cell_compartment: report.compartment,
    });
  }

  const tlpOfReport = new Map(input.reports.map((report) => [report.itemId, report.payload.tlp]));
  for (const opinion of input.opinions) {
    const reportId = reportIds.get(opinion.reportItemId);
    const tlp = tlpOfReport.get(opinion.reportItemId);
    if (!reportId || !tlp) continue;
    const at = utc(opinion.authoredAt);
    noteAuthor(opinion.authorParty, at);
    content.push({
      type: 'opinion',
      spec_version: '2.1',
      id: `opinion--${id(stixIdNames.opinion(opinion.itemId))}`,
      created: at,
      modified: at,
      created_by_ref: identityId(opinion.authorParty),
      opinion: opinion.payload.opinion,
      explanation: opinion.payload.explanation,
      lang: opinion.payload.language,
      object_refs: [reportId],
      // An opinion on a report says something of it, and is marked as it is.
      object_marking_refs: [TLP2_MARKING_IDS[tlp]],
      x_fusion_cell_item: opinion.itemId,
    });
  }

  const identities: StixOut[] = [];
  const names = new Map(input.parties.map((party) => [party.id, party.name]));
  for (const [party, at] of [...firstAuthored].sort(([a], [b]) => a.localeCompare(b))) {
    const identity: StixOut = {
      type: 'identity',
      spec_version: '2.1',
      id: identityId(party),
      created: at,
      modified: at,
      name: names.get(party) ?? party,
      identity_class: 'organization',
      x_fusion_cell_party: party,
    };
    identities.push(identity);
    // The cell's own description of a party stands for any copy a report kept.
    kept.delete(identity.id);
  }
  const keptObjects = [...kept.values()];
  for (const object of keptObjects) {
    for (const reference of referencesOf(object)) {
      const tlp = (Object.keys(TLP2_MARKING_IDS) as Tlp[]).find((level) => TLP2_MARKING_IDS[level] === reference);
      if (tlp) usedTlps.add(tlp);
    }
  }
  const markings = (Object.keys(TLP2_MARKING_IDS) as Tlp[]).filter((tlp) => usedTlps.has(tlp)).map((tlp) => tlp2MarkingDefinition(tlp) as StixOut);
  // A kept copy of an official marking is the official one.
  for (const marking of markings) kept.delete(marking.id);
  return {
    type: 'bundle',
    id: `bundle--${id(stixIdNames.bundle([...input.reports.map((report) => report.itemId), ...input.opinions.map((opinion) => opinion.itemId)]))}`,
    objects: [...markings, ...identities, ...kept.values(), ...content],
  };
}

function locationObject(place: Place, id: string, at: string, marking: string): StixOut {
  const [longitude, latitude] = place.type === 'Point' ? place.coordinates : centreOf(place);
  return {
    type: 'location',
    spec_version: '2.1',
    id,
    created: at,
    modified: at,
    latitude,
    longitude,
    object_marking_refs: [marking],
    // STIX places a location by one point; the area itself goes along for those who can read it.
    ...(place.type === 'Point' ? {} : { x_fusion_cell_geometry: place }),
  };
}

/** The centre of an area's bounding box, as [longitude, latitude]. */
function centreOf(place: Exclude<Place, { type: 'Point' }>): [number, number] {
  const rings = place.type === 'Polygon' ? place.coordinates : place.coordinates.flat();
  let west = 180;
  let east = -180;
  let south = 90;
  let north = -90;
  for (const ring of rings) {
    for (const [longitude, latitude] of ring) {
      west = Math.min(west, longitude);
      east = Math.max(east, longitude);
      south = Math.min(south, latitude);
      north = Math.max(north, latitude);
    }
  }
  return [round((west + east) / 2), round((south + north) / 2)];
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A copy of a kept object whose references to the report it came with point at the report it is now. */
function pointedAt(object: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    const kind = isReferenceProperty(name);
    if (kind === 'one' && value === from) copy[name] = to;
    else if (kind === 'list' && Array.isArray(value)) copy[name] = value.map((item) => (item === from ? to : item));
    else copy[name] = value;
  }
  return copy;
}

/** Of two copies of one object (two reports kept it), the later version. */
function keepLatest(kept: Map<string, StixOut>, object: StixOut): void {
  const present = kept.get(object.id);
  if (present && String(present['modified'] ?? '') >= String(object['modified'] ?? '')) return;
  kept.set(object.id, object);
}

/** A timestamp as STIX writes it: UTC, with Z. */
function utc(time: string): string {
  return new Date(time).toISOString();
}
