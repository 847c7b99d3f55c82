import { describe, expect, it } from 'vitest';
import type { IntelReportPayload } from '@fusion-cell/protocol';
import { reportFiltersFrom, reportMatches, type ReportRow } from '../src/features/intelligence/report-data.ts';

const row = (payload: Partial<IntelReportPayload>, party = 'sy'): ReportRow => ({
  id: 'r',
  compartment: 'plenary',
  party,
  receivedAt: '2026-01-06T10:00:00.000Z',
  payload: {
    title: 'Armour',
    summary: 'Tanks',
    body: 'Ten tanks',
    language: 'en',
    tlp: 'AMBER',
    reliability: 'B',
    credibility: 2,
    informationTime: new Date(2026, 0, 6, 12, 0).toISOString(),
    ...payload,
  },
  opinions: [],
});

describe('the reports list’s filters', () => {
  it('reads only valid filters from the address', () => {
    const filters = reportFiltersFrom(new URLSearchParams('tlp=AMBER%2BSTRICT&reliability=G&credibility=7&party=il&from=2026-01-05&to=2026-02-30'));
    expect(filters).toEqual({ tlp: 'AMBER+STRICT', party: 'il', from: '2026-01-05' });
  });

  it('matches the marking and source grade exactly, credibility at least as good, the party and the days of the information', () => {
    const report = row({});
    expect(reportMatches(report, {})).toBe(true);
    expect(reportMatches(report, { tlp: 'AMBER' })).toBe(true);
    expect(reportMatches(report, { tlp: 'RED' })).toBe(false);
    expect(reportMatches(report, { reliability: 'C' })).toBe(false);
    expect(reportMatches(report, { credibility: 2 })).toBe(true);
    expect(reportMatches(report, { credibility: 1 })).toBe(false);
    expect(reportMatches(report, { party: 'il' })).toBe(false);
    // Both days are whole, in the reader's time zone.
    expect(reportMatches(report, { from: '2026-01-06', to: '2026-01-06' })).toBe(true);
    expect(reportMatches(report, { from: '2026-01-07' })).toBe(false);
    expect(reportMatches(report, { to: '2026-01-05' })).toBe(false);
  });
});
