import { z } from 'zod';
import { Language, Slug, Timestamp, TRACKS } from '../../../common.ts';
import { Evidence } from '../../../attachments.ts';
import { Place } from '../../../geo.ts';
import { AREA_IN_ZONE } from '../../findings/area-in-zone.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

/**
 * What happened, where and when, with evidence by hash. One that alleges a violation is an entry
 * of the violation register, where each party states its position and a supervisor its verdict.
 */
export const IncidentReportPayload = z.strictObject({
  what: z.string().trim().min(1).max(8000),
  language: Language,
  place: Place.describe('GeoJSON Point, Polygon or MultiPolygon, WGS 84'),
  occurredAt: Timestamp,
  evidence: z.array(Evidence).max(20).optional(),
  violation: z.boolean().describe('whether it alleges a violation of the agreement (an entry of the register)'),
  article: z.string().trim().min(1).max(200).optional().describe('the article allegedly breached'),
  allegedParty: Slug.optional().describe('the party alleged responsible'),
});
export type IncidentReportPayload = z.infer<typeof IncidentReportPayload>;

/** A side's position on a register entry: it acknowledges, contests (with its reason) or reports it remedied (with evidence). */
export const VIOLATION_POSITIONS = ['acknowledged', 'contested', 'remedied'] as const;
export const ViolationPositionPayload = z
  .strictObject({
    status: z.enum(VIOLATION_POSITIONS),
    reason: z.string().trim().min(1).max(4000).optional(),
    evidence: z.array(Evidence).max(20).optional(),
    language: Language.optional(),
  })
  .superRefine((position, context) => {
    if (position.status === 'contested' && position.reason === undefined) context.addIssue({ code: 'custom', path: ['reason'], message: 'a contested entry must give its reason' });
    if (position.status === 'remedied' && (position.evidence?.length ?? 0) === 0) context.addIssue({ code: 'custom', path: ['evidence'], message: 'a remedy is reported with its evidence' });
    if (position.reason !== undefined && position.language === undefined) context.addIssue({ code: 'custom', path: ['language'], message: 'say the language of the reason' });
  });
export type ViolationPositionPayload = z.infer<typeof ViolationPositionPayload>;

/** A supervisor's verdict on a register entry, with its findings. */
export const VIOLATION_VERDICTS = ['verified', 'not-verified'] as const;
export const ViolationVerdictPayload = z.strictObject({
  verdict: z.enum(VIOLATION_VERDICTS),
  findings: z.string().trim().min(1).max(8000),
  language: Language,
  evidence: z.array(Evidence).max(20).optional(),
});
export type ViolationVerdictPayload = z.infer<typeof ViolationVerdictPayload>;

export const incidentReportType = defineItemType({
  type: 'incident.report',
  version: 1,
  payload: IncidentReportPayload,
  roles: OPERATIONAL,
  tracks: ['deescalation'],
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'incident.report' },
  findings: [AREA_IN_ZONE],
  // Its finding places what was reported against the zones; the reporter owes nothing to it.
  findingsOwed: false,
  summary: ['what', 'article'],
});

export const violationPositionType = defineItemType({
  type: 'violation.position',
  version: 1,
  payload: ViolationPositionPayload,
  roles: OPERATIONAL,
  partyKinds: ['side'],
  tracks: TRACKS,
  answers: { types: ['incident.report'] },
  summary: ['status', 'reason'],
});

export const violationVerdictType = defineItemType({
  type: 'violation.verdict',
  version: 1,
  payload: ViolationVerdictPayload,
  roles: OPERATIONAL,
  partyKinds: ['supervisor'],
  tracks: TRACKS,
  answers: { types: ['incident.report'] },
  summary: ['verdict', 'findings'],
});
