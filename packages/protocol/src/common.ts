import { z } from 'zod';

/** The working languages of a cell. Arabic and Hebrew are written right to left. */
export const LANGUAGES = ['en', 'ar', 'he'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar', 'he']);

export const PARTY_KINDS = ['side', 'supervisor', 'observer'] as const;
export const PartyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKind>;

export const ROLES = ['head', 'duty', 'analyst', 'commercial', 'translator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TRACKS = ['intelligence', 'deescalation', 'diplomatic', 'commercial', 'general'] as const;
export const Track = z.enum(TRACKS);
export type Track = z.infer<typeof Track>;

export const COMPARTMENT_KINDS = ['plenary', 'caucus', 'internal'] as const;
export const CompartmentKind = z.enum(COMPARTMENT_KINDS);
export type CompartmentKind = z.infer<typeof CompartmentKind>;

/** Lower-case identifiers chosen by people (cell, party, zone ids): stable, URL-safe. */
export const Slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be 1-40 characters: a-z, 0-9 and "-", starting with a letter');

/** An item's id: the base64url SHA-256 of its entry, so it names one exact signed version. */
export const ItemIdText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an item id');

export const Username = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{1,39}$/, 'must be 2-40 characters: a-z, 0-9, ".", "_" and "-", starting with a letter');

/** Opaque server-generated identifiers. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an identifier');

/** Text in each working language; English is the fallback every reader can fall back to. */
export const LocalizedText = z.strictObject({
  en: z.string().min(1).max(200),
  ar: z.string().min(1).max(200).optional(),
  he: z.string().min(1).max(200).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 date-time');

/** ISO 8601 duration limited to days, hours, minutes and seconds, such as `PT5M` or `P2D`. */
export const Duration = z
  .string()
  .refine((value) => parseDuration(value) !== undefined, 'must be an ISO 8601 duration such as PT5M, PT24H or P2D')
  .refine((value) => (parseDuration(value) ?? 1) > 0, 'must be longer than zero');

const DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in an ISO 8601 duration, or undefined when the text is not one. */
export function parseDuration(duration: string): number | undefined {
  const match = DURATION.exec(duration);
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
}

/** Milliseconds in a duration already validated by {@link Duration}. */
export function durationToMilliseconds(duration: string): number {
  const milliseconds = parseDuration(duration);
  if (milliseconds === undefined) throw new Error(`not a duration: ${duration}`);
  return milliseconds;
}
