import { Place, readPayload, tlpLabel, type ActivityNoticePayload, type FindingPayload, type IncidentReportPayload, type IntelReportPayload, type PartyKind, type VersionState, type ZonePayload } from '@fusion-cell/protocol';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { noticeState } from '../deescalation/notice-state.ts';
import { documentOf } from '../documents/document-state.ts';
import { authorPartyOf, type ItemGraph } from '../items/item-graph.ts';
import type { MapFeature, MapGeometry, TimeWindow } from '../map/map-feature.ts';

/** A feature with the compartment its item is in: the map draws every compartment of the party at once. */
export interface PlacedFeature extends MapFeature {
  compartment: string;
  /** Findings: when their subject happens (a notice's window, an incident's time), so a finding shows when its subject does. */
  during?: TimeWindow;
}

/** How each kind of feature is named, in the reader's language; the caller localises. */
export interface FeatureWords {
  zone(name: ZonePayload['name']): string;
  notice(kind: ActivityNoticePayload['kind'], party: string | undefined, window: TimeWindow): string;
  incident(what: string): string;
  /** An intelligence report's location, by its title. */
  report(title: string): string;
  finding(check: FindingPayload['check'], subject: string): string;
  /** Any other item a finding is about (an explanation request's area), by its type. */
  other(type: string): string;
}

export interface FeatureSource {
  graph: ItemGraph;
  members: ReadonlyMap<string, MemberView>;
  /** Who is in a compartment: a zone's signers are its sides and supervisors. */
  partiesOf(compartment: string): ReadonlyArray<{ id: string; kind: PartyKind }>;
  words: FeatureWords;
}

/** The map's words for a version's state: initialled is still only proposed; replaced and superseded are history alike. */
const ZONE_STATUS: Record<VersionState, 'in-force' | 'proposed' | 'superseded'> = {
  'in-force': 'in-force',
  proposed: 'proposed',
  initialled: 'proposed',
  replaced: 'superseded',
  superseded: 'superseded',
};

type Readable = SyncedItem & { signed: NonNullable<SyncedItem['signed']> };

/** An item that failed verification here counts for nothing, on the map as everywhere. */
const usable = (item: SyncedItem | undefined): item is Readable => item?.signed != null && verdictOf(item.verification) !== 'failed';

/** The payload as this version of its type reads it; undefined when it cannot be read. */
function payloadOf<Payload>(item: Readable): Payload | undefined {
  const reading = readPayload(item.signed.envelope.type, item.signed.envelope.payload);
  return reading.ok ? (reading.payload as Payload) : undefined;
}

/**
 * What the de-escalation map draws from the record verified here: every version of each zone
 * by where its document stands, notices by their lifecycle, incidents at when they happened,
 * and the cell's flagged findings over the item each is about. A finding whose subject no
 * longer stands (a notice amended or cancelled, a zone version replaced) is left out: its
 * subject's successor carries its own findings.
 */
export function deescalationFeatures({ graph, members, partiesOf, words }: FeatureSource): PlacedFeature[] {
  const features: PlacedFeature[] = [];
  const subjects = new Map<string, Subject>();
  const place = (feature: PlacedFeature) => {
    features.push(feature);
    const during = feature.window ?? (feature.at === undefined ? undefined : { from: feature.at, to: feature.at });
    subjects.set(feature.id, { geometry: feature.geometry, label: feature.label, stands: stillStands(feature), ...(during === undefined ? {} : { during }) });
  };
  const zoneVersions = new Set<string>();

  for (const item of graph.byId.values()) {
    if (!usable(item)) continue;
    const { type } = item.signed.envelope;
    if (type === 'zone') {
      if (zoneVersions.has(item.id)) continue;
      const document = documentOf(item.id, graph, members, partiesOf);
      if (!document) continue;
      for (const version of document.versions) {
        zoneVersions.add(version.id);
        const state = document.status.versions.find((candidate) => candidate.id === version.id)?.state;
        const payload = usable(version) ? payloadOf<ZonePayload>(version) : undefined;
        if (payload === undefined || state === undefined) continue;
        place({
          id: version.id,
          kind: 'zone',
          status: ZONE_STATUS[state],
          geometry: payload.area as MapGeometry,
          label: words.zone(payload.name),
          rule: payload.rule.kind,
          compartment: version.compartment,
        });
      }
    } else if (type === 'activity.notice') {
      const payload = payloadOf<ActivityNoticePayload>(item);
      if (payload === undefined) continue;
      const window = { from: Date.parse(payload.window.from), to: Date.parse(payload.window.to) };
      place({
        id: item.id,
        kind: 'notice',
        status: noticeState(item.id, graph, members).state,
        geometry: payload.area as MapGeometry,
        label: words.notice(payload.kind, authorPartyOf(item, members), window),
        window,
        compartment: item.compartment,
      });
    } else if (type === 'incident.report') {
      const payload = payloadOf<IncidentReportPayload>(item);
      if (payload === undefined) continue;
      place({
        id: item.id,
        kind: 'incident',
        status: 'reported',
        geometry: payload.place as MapGeometry,
        label: words.incident(payload.what),
        at: Date.parse(payload.occurredAt),
        compartment: item.compartment,
      });
    } else if (type === 'intel.report') {
      // Only reports of the compartments this member reads are in its record: the map shows each to whoever may see it.
      const payload = payloadOf<IntelReportPayload>(item);
      if (payload?.location === undefined) continue;
      place({
        id: item.id,
        kind: 'report',
        status: tlpLabel(payload.tlp),
        geometry: payload.location as MapGeometry,
        label: words.report(payload.title),
        at: Date.parse(payload.informationTime),
        compartment: item.compartment,
      });
    }
  }

  for (const item of graph.byId.values()) {
    if (!usable(item) || item.signed.envelope.type !== 'finding') continue;
    const payload = payloadOf<FindingPayload>(item);
    if (payload?.result !== 'flagged') continue;
    const subject = subjects.get(payload.subject) ?? otherSubject(graph.byId.get(payload.subject), words);
    if (subject === undefined || !subject.stands) continue;
    features.push({
      id: item.id,
      kind: 'finding',
      status: 'flagged',
      geometry: subject.geometry,
      label: words.finding(payload.check, subject.label),
      compartment: item.compartment,
      ...(subject.during === undefined ? {} : { during: subject.during }),
    });
  }
  return features;
}

/** What a finding is drawn over: its subject's place, named, and whether the subject still stands. */
interface Subject {
  geometry: MapGeometry;
  label: string;
  stands: boolean;
  during?: TimeWindow;
}

/** An item of another type that names a place (an explanation request's area), for the finding drawn over it. */
function otherSubject(item: SyncedItem | undefined, words: FeatureWords): Subject | undefined {
  if (!usable(item)) return undefined;
  const payload = payloadOf<Record<string, unknown>>(item);
  const place = Place.safeParse(payload?.['area'] ?? payload?.['place']);
  if (!place.success) return undefined;
  return { geometry: place.data as MapGeometry, label: words.other(item.signed.envelope.type), stands: true };
}

function stillStands(subject: PlacedFeature): boolean {
  if (subject.kind === 'notice') return subject.status === 'active';
  if (subject.kind === 'zone') return subject.status !== 'superseded';
  return true;
}

/**
 * The features for a time window as far as findings go: the map itself shows a finding whatever
 * the window, but one about a notice or incident outside it would outline nothing there.
 */
export function withFindingsInWindow(features: readonly PlacedFeature[], window: TimeWindow): PlacedFeature[] {
  return features.filter((feature) => feature.kind !== 'finding' || feature.during === undefined || (feature.during.from <= window.to && feature.during.to >= window.from));
}

/** How many features each compartment holds, in the order the compartments are given. */
export function featuresByCompartment(features: readonly PlacedFeature[], compartments: readonly string[]): Array<{ compartment: string; count: number }> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature.compartment, (counts.get(feature.compartment) ?? 0) + 1);
  return compartments.filter((compartment) => counts.has(compartment)).map((compartment) => ({ compartment, count: counts.get(compartment) ?? 0 }));
}

const DAY = 86_400_000;

/** The span the time slider covers: two weeks of history, a month of what is planned. */
export function sliderRange(now: number): TimeWindow {
  return { from: now - 14 * DAY, to: now + 30 * DAY };
}

export const WINDOW_PRESETS = ['next7', 'recent', 'all'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

/** The windows offered in one click; `recent` is the default: the last day's incidents and what is about to happen. */
export function presetWindow(preset: WindowPreset, now: number, range: TimeWindow): TimeWindow {
  switch (preset) {
    case 'next7':
      return { from: now, to: now + 7 * DAY };
    case 'recent':
      return { from: now - DAY, to: now + 7 * DAY };
    case 'all':
      return { ...range };
  }
}

/** Labels of a list longer than this are cut, so one long report does not fill the map's list. */
const LABEL_LENGTH = 90;

/** A free text as a one-line label: whitespace collapsed, cut at a word near the limit. */
export function shortLabel(text: string, length = LABEL_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
