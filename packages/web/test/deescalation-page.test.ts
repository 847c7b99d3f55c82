import { describe, expect, it } from 'vitest';
import type { PartyKind, RegisterCount } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { deescalationFeatures, featuresByCompartment, presetWindow, shortLabel, sliderRange, withFindingsInWindow, type FeatureWords, type PlacedFeature } from '../src/features/deescalation-map/map-features.ts';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { registerChart, scaleTicks } from '../src/features/register/register-chart-data.ts';
import { filtersFrom, localDayStart, registerQuery } from '../src/features/register/register-query.ts';
import { itemInThread, selectedView } from '../src/features/tracks/track-views.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';

/**
 * The de-escalation page's pure parts: what the map draws from the record verified here (zones
 * by where their document stands, notices by their lifecycle, incidents, flagged findings over
 * their subject), the register's query and its chart.
 */

const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syrian duty officer' }],
  ['m-il', { party: 'il', displayName: 'Israeli duty officer' }],
  ['m-us', { party: 'us', displayName: 'US chief' }],
]);
const KINDS: Record<string, PartyKind> = { sy: 'side', il: 'side', us: 'supervisor' };
const partiesOf = () => ['sy', 'il', 'us'].map((id) => ({ id, kind: KINDS[id] ?? 'observer' }));

const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];
const failed = { signature: { status: 'failed', code: 'signature_invalid', detail: 'bad' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];

/** Item ids are 43 base64url characters: the payloads that name one are checked for it. */
const id = (name: string) => name.padEnd(43, '_');

let index = 0;
function entry(name: string, author: string, type: string, payload: Record<string, unknown>, options: { references?: string[]; compartment?: string; verification?: SyncedItem['verification'] } = {}): SyncedItem {
  const at = new Date(Date.UTC(2026, 5, 1, 9, 0, index)).toISOString();
  const compartment = options.compartment ?? 'plenary';
  return {
    id: id(name),
    claimedId: id(name),
    compartment,
    index: index++,
    receivedAt: at,
    leafHash: new Uint8Array(),
    signed: {
      envelope: { cell: 'test-cell', compartment, type, track: 'deescalation', payload: payload as never, references: (options.references ?? []).map(id), author, device: 'd', authoredAt: at },
      signature: '',
    },
    verification: options.verification ?? verified,
  };
}

const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.1, lat],
      [lon + 0.1, lat + 0.1],
      [lon, lat + 0.1],
      [lon, lat],
    ],
  ],
});

const zone = (name: string, area = square(35.8, 33)) => ({ name: { en: name, ar: `${name} (ar)` }, area, rule: { kind: 'no-forces' }, language: 'en' });
const signatures = (version: string, parties: readonly string[] = ['m-sy', 'm-il', 'm-us']) =>
  parties.map((author) => entry(`sig-${version}-${author}`, author, 'document.sign', { act: 'signature', version: id(version) }, { references: [version] }));
const notice = (extra: Record<string, unknown> = {}) => ({
  kind: 'exercise',
  description: 'Company-level exercise.',
  language: 'en',
  area: square(36, 32.8),
  window: { from: '2026-06-04T06:00:00.000Z', to: '2026-06-04T14:00:00.000Z' },
  size: { category: 'small', personnel: 150, equipment: [] },
  semantics: 'no-objection-expected',
  ...extra,
});
const incident = (what: string, extra: Record<string, unknown> = {}) => ({
  what,
  language: 'en',
  place: { type: 'Point', coordinates: [35.88, 33.05] },
  occurredAt: '2026-06-01T02:00:00.000Z',
  violation: true,
  allegedParty: 'sy',
  ...extra,
});
const finding = (subject: string, result: 'clear' | 'flagged') => ({ check: 'area-in-zone', subject: id(subject), result, checked: [], detail: { zones: [] } });

const words: FeatureWords = {
  zone: (name) => name.en,
  notice: (kind, party, window) => `${kind} by ${party ?? '?'} from ${new Date(window.from).toISOString()}`,
  incident: (what) => what,
  report: (title) => title,
  finding: (check, subject) => `${check} on ${subject}`,
  other: (type) => type,
};

const features = (items: SyncedItem[]) => deescalationFeatures({ graph: buildItemGraph(new Map([['plenary', items]])), members, partiesOf, words });
const byId = (list: readonly PlacedFeature[], name: string) => list.find((feature) => feature.id === id(name));

describe('what the map draws from the record', () => {
  it('draws a zone version signed by every side and supervisor as in force, and a newer unsigned version as proposed', () => {
    const list = features([entry('z1', 'm-us', 'zone', zone('Buffer zone')), ...signatures('z1'), entry('z2', 'm-il', 'zone', zone('Buffer zone, narrower', square(35.82, 33)), { references: ['z1'] })]);
    expect(byId(list, 'z1')).toMatchObject({ kind: 'zone', status: 'in-force', rule: 'no-forces', label: 'Buffer zone', compartment: 'plenary' });
    expect(byId(list, 'z2')).toMatchObject({ kind: 'zone', status: 'proposed', label: 'Buffer zone, narrower' });
    expect(byId(list, 'z2')?.geometry).toEqual(square(35.82, 33));
  });

  it('draws a version no longer in force as superseded, and one not yet signed by all as proposed', () => {
    const replaced = features([entry('z1', 'm-us', 'zone', zone('A')), ...signatures('z1'), entry('z2', 'm-us', 'zone', zone('A2'), { references: ['z1'] }), ...signatures('z2')]);
    expect(byId(replaced, 'z1')?.status).toBe('superseded');
    expect(byId(replaced, 'z2')?.status).toBe('in-force');
    const partly = features([entry('z1', 'm-us', 'zone', zone('A')), ...signatures('z1', ['m-sy', 'm-us'])]);
    expect(byId(partly, 'z1')?.status).toBe('proposed');
  });

  it("reads a notice's state from the record: amended by a later notice of its party, cancelled by its party's cancellation", () => {
    const original = entry('n1', 'm-il', 'activity.notice', notice());
    expect(byId(features([original]), 'n1')).toMatchObject({ kind: 'notice', status: 'active', window: { from: Date.parse('2026-06-04T06:00:00.000Z'), to: Date.parse('2026-06-04T14:00:00.000Z') }, label: expect.stringContaining('exercise by il') });

    const amended = features([original, entry('n2', 'm-il', 'activity.notice', notice({ amends: id('n1') }), { references: ['n1'] })]);
    expect(byId(amended, 'n1')?.status).toBe('amended');
    expect(byId(amended, 'n2')?.status).toBe('active');

    const cancelled = features([original, entry('c1', 'm-il', 'activity.cancel', { reason: 'Postponed.', language: 'en' }, { references: ['n1'] })]);
    expect(byId(cancelled, 'n1')?.status).toBe('cancelled');
    // Another party cannot move it.
    expect(byId(features([original, entry('c2', 'm-sy', 'activity.cancel', {}, { references: ['n1'] })]), 'n1')?.status).toBe('active');
  });

  it('places an incident where and when it happened', () => {
    const list = features([entry('i1', 'm-il', 'incident.report', incident('Armed patrol inside the area of separation.'))]);
    expect(byId(list, 'i1')).toMatchObject({ kind: 'incident', status: 'reported', at: Date.parse('2026-06-01T02:00:00.000Z'), geometry: { type: 'Point', coordinates: [35.88, 33.05] } });
  });

  it("draws a flagged finding over its subject's geometry, and leaves out clear ones and those on a notice that no longer stands", () => {
    const n1 = entry('n1', 'm-il', 'activity.notice', notice());
    const flagged = entry('f1', CELL_AUTHOR, 'finding', finding('n1', 'flagged'), { references: ['n1'] });
    const clear = entry('f2', CELL_AUTHOR, 'finding', finding('i1', 'clear'), { references: ['i1'] });
    const list = features([n1, entry('i1', 'm-il', 'incident.report', incident('Patrol.')), flagged, clear]);
    expect(byId(list, 'f1')).toMatchObject({ kind: 'finding', status: 'flagged', geometry: notice().area, label: expect.stringContaining('area-in-zone on exercise') });
    expect(byId(list, 'f2')).toBeUndefined();

    const afterCancel = features([n1, flagged, entry('c1', 'm-il', 'activity.cancel', {}, { references: ['n1'] })]);
    expect(byId(afterCancel, 'f1')).toBeUndefined();
  });

  it("shows a finding only when its subject's time is in the window, as its subject is", () => {
    const items = [
      entry('n1', 'm-il', 'activity.notice', notice()),
      entry('i1', 'm-il', 'incident.report', incident('Patrol.')),
      entry('f1', CELL_AUTHOR, 'finding', finding('n1', 'flagged'), { references: ['n1'] }),
      entry('f2', CELL_AUTHOR, 'finding', finding('i1', 'flagged'), { references: ['i1'] }),
    ];
    const list = features(items);
    expect(byId(list, 'f2')?.during).toEqual({ from: Date.parse('2026-06-01T02:00:00.000Z'), to: Date.parse('2026-06-01T02:00:00.000Z') });
    const ids = (window: { from: number; to: number }) => withFindingsInWindow(list, window).filter((feature) => feature.kind === 'finding').map((feature) => feature.id);
    expect(ids({ from: Date.parse('2026-06-04T00:00:00.000Z'), to: Date.parse('2026-06-05T00:00:00.000Z') })).toEqual([id('f1')]);
    expect(ids({ from: Date.parse('2026-05-31T00:00:00.000Z'), to: Date.parse('2026-06-05T00:00:00.000Z') })).toEqual([id('f1'), id('f2')]);
    // Everything else is the map's own business.
    expect(withFindingsInWindow(list, { from: 0, to: 1 }).map((feature) => feature.kind)).toEqual(['notice', 'incident']);
  });

  it('counts for nothing an item that failed verification here', () => {
    const list = features([entry('i1', 'm-il', 'incident.report', incident('Patrol.'), { verification: failed }), entry('n1', 'm-il', 'activity.notice', notice({ window: { from: 'not a time' } }))]);
    expect(list).toEqual([]);
  });

  it('says which compartment each feature is in, counted in the order of the compartments', () => {
    const graph = buildItemGraph(
      new Map([
        ['plenary', [entry('i1', 'm-il', 'incident.report', incident('Patrol.'))]],
        ['caucus-il', [entry('i2', 'm-il', 'incident.report', incident('Drone.'), { compartment: 'caucus-il' }), entry('i3', 'm-il', 'incident.report', incident('Boat.'), { compartment: 'caucus-il' })]],
      ]),
    );
    const list = deescalationFeatures({ graph, members, partiesOf, words });
    expect(list.map((feature) => [feature.label, feature.compartment])).toEqual([
      ['Patrol.', 'plenary'],
      ['Drone.', 'caucus-il'],
      ['Boat.', 'caucus-il'],
    ]);
    expect(featuresByCompartment(list, ['plenary', 'caucus-sy', 'caucus-il'])).toEqual([
      { compartment: 'plenary', count: 1 },
      { compartment: 'caucus-il', count: 2 },
    ]);
  });
});

describe("the map's time window and labels", () => {
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 5, 1, 12);

  it('spans 14 days back to 30 ahead, and opens on the next 7 days', () => {
    const range = sliderRange(now);
    expect(range).toEqual({ from: now - 14 * DAY, to: now + 30 * DAY });
    expect(presetWindow('next7', now, range)).toEqual({ from: now, to: now + 7 * DAY });
    expect(presetWindow('recent', now, range)).toEqual({ from: now - DAY, to: now + 7 * DAY });
    expect(presetWindow('all', now, range)).toEqual(range);
  });

  it('cuts a long report at a word, on one line', () => {
    expect(shortLabel('Armed patrol\nobserved')).toBe('Armed patrol observed');
    const long = shortLabel('word '.repeat(40), 30);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('the track views', () => {
  it('opens the de-escalation track on its map, and other tracks on their thread alone', () => {
    expect(selectedView('deescalation', null)?.id).toBe('map');
    expect(selectedView('deescalation', 'register')?.id).toBe('register');
    expect(selectedView('deescalation', 'thread')?.Component).toBeUndefined();
    expect(selectedView('deescalation', 'nonsense')?.id).toBe('map');
    expect(selectedView('general', 'map')).toBeUndefined();
  });

  it('links an item to the thread of its compartment, at the item', () => {
    expect(itemInThread('caucus-sy', 'abc')).toEqual({ search: '?view=thread&compartment=caucus-sy', hash: '#item-abc' });
  });
});

describe("the register's query", () => {
  it('keeps only filters the server would take, from the address', () => {
    expect(filtersFrom(new URLSearchParams('party=sy&status=contested&from=2026-01-01&to=2026-01-31&view=register'))).toEqual({ party: 'sy', status: 'contested', from: '2026-01-01', to: '2026-01-31' });
    expect(filtersFrom(new URLSearchParams('party=SY!&status=maybe&from=2026-02-30&to=yesterday'))).toEqual({});
  });

  it('asks for whole days in the reader’s time zone, the last one included', () => {
    const query = new URLSearchParams(registerQuery({ party: 'sy', status: 'alleged', from: '2026-01-01', to: '2026-01-31' }));
    expect(query.get('party')).toBe('sy');
    expect(query.get('status')).toBe('alleged');
    expect(query.get('from')).toBe(new Date(2026, 0, 1).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 1, 1).toISOString());
    expect(query.has('format')).toBe(false);
    expect(new URLSearchParams(registerQuery({}, 'csv')).toString()).toBe('format=csv');
    expect(localDayStart('2026-12-31')).toBe(new Date(2026, 11, 31).getTime());
  });
});

describe("the register's chart", () => {
  const counts: RegisterCount[] = [
    { period: '2026-01', party: 'sy', status: 'alleged', count: 2 },
    { period: '2026-01', party: 'sy', status: 'contested', count: 1 },
    { period: '2026-03', party: 'sy', status: 'verified', count: 4 },
    { period: '2026-03', party: 'unattributed', status: 'alleged', count: 1 },
    { period: '2026-02', party: 'il', status: 'acknowledged', count: 3 },
  ];

  it('stacks each month by status in the register’s order, every month from first to last, one chart per party in the cell’s order', () => {
    const chart = registerChart(counts, ['sy', 'il', 'us']);
    expect(chart.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(chart.charts.map((party) => [party.party, party.total])).toEqual([
      ['sy', 7],
      ['il', 3],
      ['unattributed', 1],
    ]);
    const syria = chart.charts[0];
    expect(syria?.bars.map((bar) => bar.total)).toEqual([3, 0, 4]);
    expect(syria?.bars[0]?.segments).toEqual([
      { status: 'alleged', count: 2, from: 0, to: 2 },
      { status: 'contested', count: 1, from: 2, to: 3 },
    ]);
    expect(chart.max).toBe(4);
    expect(registerChart([], ['sy'])).toEqual({ periods: [], max: 0, charts: [] });
  });

  it('fills the months across a year end', () => {
    const chart = registerChart(
      [
        { period: '2025-11', party: 'sy', status: 'alleged', count: 1 },
        { period: '2026-02', party: 'sy', status: 'alleged', count: 1 },
      ],
      ['sy'],
    );
    expect(chart.periods).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('puts round ticks on the scale, its top at or above the largest bar', () => {
    expect(scaleTicks(0)).toEqual([0, 1]);
    expect(scaleTicks(1)).toEqual([0, 1]);
    expect(scaleTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(scaleTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(scaleTicks(37)).toEqual([0, 10, 20, 30, 40]);
  });
});
