import { z } from 'zod';
import { SIGNING_ACTS } from '../items/documents.ts';
import { FINDING_RESULTS } from '../items/types/cell/finding.ts';
import { ItemIdText, Timestamp, Track } from '../common.ts';
import { AckLevel } from '../rules.ts';
import { LogEntry } from './record.ts';

/** What one required party owes for an item, and how far it has come. */
export const ItemObligationStatus = z.strictObject({
  party: z.string().describe('the party that owes the answer'),
  kind: z.enum(['ack', 'reply']),
  required: z.string().describe('acknowledgment level or reply type owed'),
  dueAt: Timestamp,
  urgent: z.boolean(),
  met: z.boolean(),
  metAt: Timestamp.nullable(),
  metBy: ItemIdText.nullable().describe('the item that met it'),
  reached: AckLevel.nullable().describe('the highest acknowledgment level the party has given so far'),
  overdue: z.boolean().describe('not met, and its deadline has passed'),
  escalatedAt: Timestamp.nullable(),
  escalation: ItemIdText.nullable().describe('the escalation the cell entered when the deadline passed'),
});
export type ItemObligationStatus = z.infer<typeof ItemObligationStatus>;

/** An item that refers to this one, in a compartment the caller is in. */
export const ItemReferrer = z.strictObject({
  id: ItemIdText,
  type: z.string(),
  track: z.string(),
  compartment: z.string(),
  index: z.number().int().nonnegative(),
  author: z.string(),
  party: z.string().describe('the author’s party; @cell for the cell’s own items'),
  receivedAt: Timestamp,
  answers: z.boolean().describe('it answers this item (its type answers, and it refers to this item first)'),
});
export type ItemReferrer = z.infer<typeof ItemReferrer>;

/**
 * An item with the state the record derives around it: what it asks of each party and how far
 * each has answered, the acknowledgments and items that refer to it, its escalations, where
 * its lifecycle stands, and what its type adds (`details`).
 */
export const ItemState = z
  .strictObject({
    item: LogEntry,
    type: z.string(),
    track: Track,
    author: z.string(),
    authorParty: z.string().describe('@cell for the cell’s own items'),
    authoredAt: Timestamp,
    references: z.array(ItemIdText),
    payload: z.record(z.string(), z.unknown()).nullable().describe('the payload read at its type’s current version (record SPEC R40); null when it cannot be'),
    obligations: z.array(ItemObligationStatus),
    acknowledgments: z.array(z.strictObject({ party: z.string(), level: AckLevel, item: ItemIdText, member: z.string(), at: Timestamp })),
    referencedBy: z.array(ItemReferrer),
    escalations: z.array(z.strictObject({ item: ItemIdText, party: z.string(), required: z.string(), dueAt: Timestamp, at: Timestamp })),
    lifecycle: z
      .strictObject({
        name: z.string(),
        subject: ItemIdText.nullable().describe('the item whose lifecycle it is; null for the cell’s own (the channel)'),
        state: z.string(),
        since: Timestamp.nullable(),
        by: ItemIdText.nullable().describe('the item that started it or last moved it'),
      })
      .nullable()
      .describe('where the lifecycle this item starts or moves stands now; null when its type has none'),
    document: z
      .strictObject({
        id: ItemIdText.describe('the document: the id of its first version'),
        version: z.number().int().positive().describe('which version this item is'),
        latest: z.strictObject({ id: ItemIdText, number: z.number().int().positive() }),
        inForce: z.strictObject({ id: ItemIdText, number: z.number().int().positive() }).nullable(),
        versions: z.array(
          z.strictObject({
            id: ItemIdText,
            number: z.number().int().positive(),
            state: z.enum(['proposed', 'initialled', 'in-force', 'replaced', 'superseded']),
            signers: z.array(z.string()),
            done: z.strictObject({ initials: z.array(z.string()), signature: z.array(z.string()) }),
            awaiting: z.array(z.string()),
            nextAct: z.enum(SIGNING_ACTS).optional(),
          }),
        ),
      })
      .nullable()
      .describe('for a version of a co-signed document: where the document stands (R41); null otherwise'),
    findings: z
      .array(z.strictObject({ item: ItemIdText, check: z.string(), result: z.enum(FINDING_RESULTS), at: Timestamp }))
      .describe('what the cell’s automatic checks found about this item (R42)'),
    details: z.record(z.string(), z.unknown()).describe('what the item’s type adds to every item’s state'),
  })
  .meta({ id: 'ItemState' });
export type ItemState = z.infer<typeof ItemState>;
