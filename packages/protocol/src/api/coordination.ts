import { z } from 'zod';
import { Role, Timestamp, Track } from '../common.ts';

/** An answer owed by a party (`party`): an acknowledgment or a reply, with its deadline. */
export const InboxEntry = z
  .strictObject({
    item: z.string(),
    compartment: z.string(),
    type: z.string(),
    track: Track,
    author: z.string(),
    authorParty: z.string(),
    party: z.string().describe('the party that owes the answer'),
    kind: z.enum(['ack', 'reply']),
    required: z.string().describe('acknowledgment level or reply type'),
    receivedAt: Timestamp,
    dueAt: Timestamp,
    urgent: z.boolean(),
    overdue: z.boolean(),
    escalatedAt: Timestamp.nullable(),
    /** The level the party has reached so far, if any. */
    acknowledged: z.string().nullable(),
    /** Canonical JSON of the signed envelope, to show and verify the item. */
    leaf: z.string(),
  })
  .meta({ id: 'InboxEntry' });
export type InboxEntry = z.infer<typeof InboxEntry>;

export const Inbox = z
  .strictObject({
    entries: z.array(InboxEntry),
    counts: z.record(z.string(), z.strictObject({ open: z.number().int(), overdue: z.number().int() })).describe('per track'),
    channel: z.strictObject({ status: z.enum(['open', 'suspended']), since: Timestamp.nullable(), item: z.string().nullable() }),
  })
  .meta({ id: 'Inbox' });
export type Inbox = z.infer<typeof Inbox>;

export const INBOX_VIEWS = ['mine', 'sent', 'open', 'overdue'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const InboxQuery = z.strictObject({
  view: z
    .enum(INBOX_VIEWS)
    .default('mine')
    .describe('mine: what the caller’s party owes; sent: what is owed to it, on items it entered; open (supervisors): every open answer between the parties, overdue first; overdue (supervisors): every overdue answer'),
});

export const Presence = z
  .strictObject({
    parties: z.array(
      z.strictObject({
        party: z.string(),
        onWatch: z.array(z.strictObject({ member: z.string(), displayName: z.string(), roles: z.array(Role), since: Timestamp })),
      }),
    ),
  })
  .meta({ id: 'Presence' });
export type Presence = z.infer<typeof Presence>;

/** Where a party's escalations go outside the app. */
export const NotificationSettings = z
  .strictObject({
    emails: z.array(z.email()).max(20),
    webhooks: z.array(z.strictObject({ url: z.url({ protocol: /^https?$/ }) })).max(10),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const PartyParams = z.strictObject({ partyId: z.string().min(1).max(64) });
