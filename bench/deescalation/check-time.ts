import fs from 'node:fs';
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { Rules, type ActivityNoticePayload, type Area, type ZonePayload } from '@fusion-cell/protocol';
import { interiorsOverlap } from '@fusion-cell/protocol/geo-validity';
import { CELL_AUTHOR, LOG_DEVICE, type Envelope } from '@fusion-cell/record';
import type { CellContext } from '../../packages/server/src/cell/cell-context.ts';
import { chunks } from '../../packages/server/src/db/chunks.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { openDatabase } from '../../packages/server/src/db/open-database.ts';
import { GeoIndex } from '../../packages/server/src/deescalation/geo-index.ts';
import { areaInZoneRunner } from '../../packages/server/src/findings/area-in-zone.ts';
import { noticeOverlapRunner } from '../../packages/server/src/findings/notice-overlap.ts';
import { figure, percentile, type Figure } from '../results.ts';

const ZONES = 10_000;
const NOTICES = 10_000;
const SAMPLES = 400;
const BRUTE_SAMPLES = 40;
const DAY = 86_400_000;
const START = Date.parse('2026-12-01T00:00:00Z');

/** A random pentagon-ish ring of `vertices` points around a centre, counter-clockwise. */
function randomArea(random: () => number, radius: number, vertices = 16): Area {
  const lon = 30 + random() * 10;
  const lat = 28 + random() * 10;
  const ring = Array.from({ length: vertices }, (_, index) => {
    const angle = (index / vertices) * 2 * Math.PI;
    const r = radius * (0.7 + random() * 0.3);
    return [Math.round((lon + r * Math.cos(angle)) * 1e6) / 1e6, Math.round((lat + r * Math.sin(angle)) * 1e6) / 1e6] as [number, number];
  });
  ring.push(ring[0] as [number, number]);
  return { type: 'Polygon', coordinates: [ring] };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function bounds(area: Area): { minX: number; minY: number; maxX: number; maxY: number } {
  const ring = area.type === 'Polygon' ? area.coordinates[0] ?? [] : [];
  const xs = ring.map((position) => position[0]);
  const ys = ring.map((position) => position[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

function leafOf(type: string, payload: object): string {
  const envelope: Envelope = {
    cell: 'bench',
    compartment: 'plenary',
    type,
    track: 'deescalation',
    payload: payload as Envelope['payload'],
    references: [],
    author: CELL_AUTHOR,
    device: LOG_DEVICE,
    authoredAt: new Date(START).toISOString(),
  };
  return JSON.stringify({ envelope, signature: 'A'.repeat(86) });
}

/**
 * The automatic checks on one notice (its area against the zones in force, and against the
 * other parties' standing notices), with 10,000 zones in force and 10,000 notices standing, on
 * SQLite: through the R-tree of the places, against a brute-force loop over the same rows
 * testing each with the same robust predicate.
 */
export async function measureCheckTime(): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-checks-'));
  try {
    const database = openDatabase({ dataDir });
    await migrateToLatest(database);
    const { db } = database;
    // The rows stand alone: no cell, compartments or log heads are made for them.
    await sql`pragma foreign_keys = off`.execute(db);
    const random = seeded(7);
    const zones = Array.from({ length: ZONES }, (_, index) => ({ id: `zone${String(index).padStart(39, '0')}`, area: randomArea(random, 0.05) }));
    const notices = Array.from({ length: NOTICES }, (_, index) => {
      const from = START + Math.floor(random() * 30 * DAY);
      return { id: `note${String(index).padStart(39, '0')}`, area: randomArea(random, 0.03), from, to: from + Math.floor(random() * 3 * DAY) + 3_600_000, party: index % 2 ? 'il' : 'sy' };
    });
    const rule: ZonePayload['rule'] = { kind: 'limited-forces', caps: { personnel: 500, equipment: [{ category: 'tanks', max: 10 }] } };
    const zoneRows = zones.map((zone, index) => ({ ...zone, index }));
    for (const chunk of chunks(zoneRows, 200)) {
      await db.insertInto('log_entries').values(chunk.map((zone) => ({ compartment_id: 'plenary', idx: zone.index, item_id: zone.id, leaf: leafOf('zone', { name: { en: `Zone ${zone.index}` }, area: zone.area, rule, language: 'en' } satisfies ZonePayload), received_at: START }))).execute();
      await db.insertInto('documents').values(chunk.map((zone) => ({ id: zone.id, type: 'zone', compartment_id: 'plenary', latest_version_id: zone.id, latest_number: 1, in_force_version_id: zone.id, in_force_number: 1 }))).execute();
      await db.insertInto('geo_features').values(chunk.map((zone) => ({ item_id: zone.id, compartment_id: 'plenary', idx: zone.index, type: 'zone', party_id: 'us', document_id: zone.id, ...boundsRow(zone.area), starts_at: null, ends_at: null, geometry: JSON.stringify(zone.area) }))).execute();
    }
    const noticeRows = notices.map((notice, index) => ({ ...notice, index: ZONES + index }));
    for (const chunk of chunks(noticeRows, 200)) {
      await db.insertInto('log_entries').values(chunk.map((notice) => ({ compartment_id: 'plenary', idx: notice.index, item_id: notice.id, leaf: leafOf('activity.notice', { kind: 'exercise' }), received_at: START }))).execute();
      await db.insertInto('lifecycle_states').values(chunk.map((notice) => ({ subject: notice.id, lifecycle: 'notice', state: 'active', item_id: notice.id, since: START }))).execute();
      await db.insertInto('geo_features').values(chunk.map((notice) => ({ item_id: notice.id, compartment_id: 'plenary', idx: notice.index, type: 'activity.notice', party_id: notice.party, document_id: null, ...boundsRow(notice.area), starts_at: notice.from, ends_at: notice.to, geometry: JSON.stringify(notice.area) }))).execute();
    }
    const context: CellContext = {
      cellId: 'bench',
      rules: Rules.parse({}),
      partyKinds: new Map([['sy', 'side'], ['il', 'side'], ['us', 'supervisor']]),
      audiences: new Map([['plenary', ['sy', 'il', 'us']]]),
      compartmentKinds: new Map([['plenary', 'plenary']]),
    };
    const index = new GeoIndex();
    const subjects = Array.from({ length: SAMPLES }, (_, position) => {
      const from = START + Math.floor(random() * 30 * DAY);
      const payload: ActivityNoticePayload = {
        kind: 'exercise',
        description: 'bench',
        language: 'en',
        area: randomArea(random, 0.03),
        window: { from: new Date(from).toISOString(), to: new Date(from + DAY).toISOString() },
        size: { category: 'medium', personnel: 800, equipment: [{ category: 'tanks', count: 12 }] },
        semantics: 'information-only',
      };
      return { id: `subj${String(position).padStart(39, '0')}`, payload };
    });

    const checkOne = async (subject: (typeof subjects)[number]) =>
      db.transaction().execute(async (trx) => {
        const scope = { trx, context, index, committedSizes: new Map<string, number>() };
        const envelope = { compartment: 'plenary', payload: subject.payload } as unknown as Envelope;
        const checked = { id: subject.id, compartment: 'plenary', receivedAt: START, authorParty: 'sy', envelope };
        await areaInZoneRunner.run(scope, checked);
        await noticeOverlapRunner.run(scope, checked);
      });
    const loadStarted = performance.now();
    await checkOne(subjects[0] as (typeof subjects)[number]);
    const loadMs = performance.now() - loadStarted;
    // A server checks thousands of notices in its life: the figure is its steady state, once compiled.
    for (const subject of subjects.slice(0, 100)) await checkOne(subject);
    const indexed: number[] = [];
    for (const subject of subjects) {
      const started = performance.now();
      await checkOne(subject);
      indexed.push(performance.now() - started);
    }

    // The same checks without the index: every zone in force and every standing notice read and tested.
    const brute: number[] = [];
    for (const subject of subjects.slice(0, BRUTE_SAMPLES)) {
      const started = performance.now();
      const rows = await db
        .selectFrom('geo_features')
        .leftJoin('documents', 'documents.in_force_version_id', 'geo_features.item_id')
        .leftJoin('lifecycle_states', 'lifecycle_states.subject', 'geo_features.item_id')
        .select(['geo_features.item_id', 'geo_features.type', 'geo_features.geometry', 'geo_features.starts_at', 'geo_features.ends_at', 'documents.id as document', 'lifecycle_states.state'])
        .execute();
      const from = Date.parse(subject.payload.window.from);
      const to = Date.parse(subject.payload.window.to);
      let met = 0;
      for (const row of rows) {
        const current = row.type === 'zone' ? row.document !== null : row.state === 'active' && Number(row.starts_at) < to && Number(row.ends_at) > from;
        if (current && interiorsOverlap(JSON.parse(row.geometry) as Area, subject.payload.area)) met += 1;
      }
      if (met < 0) throw new Error('unreachable');
      brute.push(performance.now() - started);
    }
    await database.close();
    const p99 = percentile(indexed, 99);
    return [
      figure('notice check p50, 10,000 zones + 10,000 notices (R-tree)', percentile(indexed, 50), 'ms', percentile(brute, 50), 'informative', true),
      figure('notice check p99, 10,000 zones + 10,000 notices (R-tree)', p99, 'ms', percentile(brute, 99), '<= 20 ms', p99 <= 20),
      figure('places index first load, 20,000 places', loadMs, 'ms', null, 'informative', true),
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function boundsRow(area: Area) {
  const box = bounds(area);
  return { min_lon: box.minX, min_lat: box.minY, max_lon: box.maxX, max_lat: box.maxY };
}
