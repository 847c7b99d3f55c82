import { z } from 'zod';
import { Language } from '../common.ts';

/** Free text with its authoritative language: the language the author wrote and answers for. */
export const MessagePayload = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  language: Language,
  /** When true, the recipients must acknowledge it (the cell's rules say at which level and by when). */
  ackRequested: z.boolean().optional(),
});
export type MessagePayload = z.infer<typeof MessagePayload>;
