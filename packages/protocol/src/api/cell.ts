import { z } from 'zod';
import { Language, LocalizedText, Track } from '../common.ts';
import { Rules } from '../rules.ts';
import { PartySummary } from './auth.ts';

export const CellInfo = z
  .strictObject({
    id: z.string(),
    name: LocalizedText,
    languages: z.array(Language),
    tracks: z.array(Track),
    parties: z.array(PartySummary),
    agreements: z.array(z.strictObject({ title: z.string(), date: z.string(), reference: z.string().optional() })),
    rules: Rules.describe('deadlines and lead times the cell applies'),
  })
  .meta({ id: 'Cell' });
export type CellInfo = z.infer<typeof CellInfo>;

export const Health = z
  .strictObject({
    status: z.literal('ok'),
    db: z.enum(['sqlite', 'postgres']),
    version: z.string(),
    uptimeSeconds: z.number(),
  })
  .meta({ id: 'Health' });
