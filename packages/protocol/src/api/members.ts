import { z } from 'zod';
import { Id, Role, Timestamp, Username } from '../common.ts';

export const Member = z
  .strictObject({
    id: Id,
    party: z.string(),
    username: Username,
    displayName: z.string(),
    roles: z.array(Role),
    disabled: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

const RoleList = z
  .array(Role)
  .min(1)
  .refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat');

export const CreateMemberRequest = z
  .strictObject({
    username: Username,
    displayName: z.string().trim().min(1).max(120),
    roles: RoleList,
    password: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  })
  .meta({ id: 'CreateMemberRequest' });
export type CreateMemberRequest = z.infer<typeof CreateMemberRequest>;

export const CreateMemberResponse = z
  .strictObject({
    member: Member,
    /** Present when the server generated the password; shown once, never stored in clear. */
    generatedPassword: z.string().optional(),
  })
  .meta({ id: 'CreateMemberResponse' });

export const MemberList = z.strictObject({ members: z.array(Member) }).meta({ id: 'MemberList' });
export const MemberParams = z.strictObject({ memberId: Id });
