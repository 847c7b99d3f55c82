import { z } from 'zod';
import { Language } from '../common.ts';
import { Tlp } from '../intelligence/tlp.ts';

const CompartmentId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a compartment id');

export const StixExportQuery = z.strictObject({
  compartment: CompartmentId.optional().describe('only the reports of this compartment; every compartment the caller reads when absent'),
});
export type StixExportQuery = z.infer<typeof StixExportQuery>;

export const StixValidateRequest = z.strictObject({
  compartment: CompartmentId.describe('where the reports would be entered'),
  bundle: z.record(z.string(), z.unknown()).describe('a STIX 2.1 bundle'),
  unmarkedTlp: Tlp.optional().describe('the marking of reports that carry none; without it, such a report refuses the bundle'),
  fallbackLanguage: Language.optional().describe('the language of reports whose lang is not one of the cell’s (English by default)'),
});
export type StixValidateRequest = z.infer<typeof StixValidateRequest>;

const Counts = z.record(z.string(), z.number().int());

export const StixReportNoteView = z.discriminatedUnion('code', [
  z.object({ code: z.literal('language-fallback'), lang: z.string(), language: Language }),
  z.object({ code: z.literal('title-cut') }),
  z.object({ code: z.literal('unmarked'), tlp: Tlp }),
  z.object({ code: z.literal('too-large'), objects: z.number().int() }),
]);

/** What an import of the bundle would enter, keep and skip; nothing is entered by asking. */
export const StixImportSummaryView = z.object({
  bundleId: z.string(),
  objects: z.number().int(),
  reports: z.array(z.object({ stixId: z.string(), title: z.string(), tlp: Tlp, language: Language, kept: z.number().int(), notes: z.array(StixReportNoteView) })),
  mapped: Counts.describe('objects that became fields of the reports: the reports, their location, their TLP marking'),
  kept: Counts.describe('objects kept as STIX with a report, by type'),
  skipped: z.array(z.object({ type: z.string(), reason: z.enum(['unreferenced', 'superseded', 'too-large']), count: z.number().int() })),
});
export type StixImportSummaryView = z.infer<typeof StixImportSummaryView>;
