import { z } from 'zod';
import { CapExceededDetail } from './area-in-zone.ts';
import { defineFinding } from '../findings.ts';

/** What a zone's proposed version would conflict with: standing notices it would forbid, zones in force it overlaps. */
export const ZoneAgainstNoticesDetail = z.strictObject({
  notices: z
    .array(
      z.strictObject({
        notice: z.string().min(1).max(64),
        party: z.string().min(1).max(64),
        breach: z.enum(['intrusion', 'over-caps']),
        exceeded: z.array(CapExceededDetail).max(21).optional(),
      }),
    )
    .max(200),
  zones: z.array(z.strictObject({ zone: z.string().min(1).max(64), version: z.string().min(1).max(64) })).max(200).describe('other zones in force whose interiors it overlaps'),
});
export type ZoneAgainstNoticesDetail = z.infer<typeof ZoneAgainstNoticesDetail>;

/**
 * A zone version, as proposed, against the notices still standing (would they breach it?) and
 * the zones already in force (do they overlap?), so the signers know before they sign.
 */
export const ZONE_AGAINST_NOTICES = defineFinding({ check: 'zone-against-notices', detail: ZoneAgainstNoticesDetail });
