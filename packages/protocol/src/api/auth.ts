import { z } from 'zod';
import { CompartmentKind, Id, LocalizedText, PartyKind, Role, Timestamp, Username } from '../common.ts';

export const LoginRequest = z
  .strictObject({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PartySummary = z
  .strictObject({ id: z.string(), kind: PartyKind, name: LocalizedText })
  .meta({ id: 'Party' });
export type PartySummary = z.infer<typeof PartySummary>;

export const CompartmentSummary = z
  .strictObject({
    id: z.string(),
    kind: CompartmentKind,
    /** The party a caucus or an internal compartment is named after. */
    owner: z.string().nullable(),
    parties: z.array(z.string()),
  })
  .meta({ id: 'Compartment' });
export type CompartmentSummary = z.infer<typeof CompartmentSummary>;

export const SessionInfo = z
  .strictObject({
    member: z.strictObject({
      id: Id,
      username: Username,
      displayName: z.string(),
      roles: z.array(Role),
    }),
    party: PartySummary,
    compartments: z.array(CompartmentSummary),
    session: z.strictObject({ expiresAt: Timestamp }),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;
