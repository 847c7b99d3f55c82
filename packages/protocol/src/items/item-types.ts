import type { z } from 'zod';
import { ROLES, TRACKS, type CompartmentKind, type PartyKind, type Role, type Track } from '../common.ts';
import { AckPayload } from './acknowledgment.ts';
import { EscalationPayload } from './escalation.ts';
import { AlertPayload, ChannelStatePayload, LinkCheckPayload } from './hotline.ts';
import { MessagePayload } from './message.ts';
import {
  ClarificationPayload,
  ClarificationReplyPayload,
  ExplanationReplyPayload,
  ExplanationRequestPayload,
  MeetingConvenePayload,
} from './requests.ts';

/** What the cell needs to know about an item type to accept an item of it. */
export interface ItemTypeDefinition {
  payload: z.ZodType;
  /** Roles whose members may create it. */
  roles: readonly Role[];
  /** Tracks it may be filed under. */
  tracks: readonly Track[];
  /** Kinds of party whose members may create it; any when absent. */
  partyKinds?: readonly PartyKind[];
  /** Kinds of compartment it may be entered in; any when absent. */
  compartments?: readonly CompartmentKind[];
  /** It answers exactly one earlier item, of one of these types when given. */
  answers?: { types?: readonly string[] };
  /** Entered by the cell alone, signed with its log key, never submitted by a member. */
  cellOnly?: boolean;
}

const OPERATIONAL: readonly Role[] = ['head', 'duty'];
const RESPONDERS: readonly Role[] = ['head', 'duty', 'analyst', 'commercial', 'translator'];
const SHARED: readonly CompartmentKind[] = ['plenary', 'caucus'];

/**
 * Every item type, with its payload schema and who may enter it where. Types not listed here
 * are refused.
 */
export const ITEM_TYPES = {
  message: { payload: MessagePayload, roles: ROLES, tracks: TRACKS },
  alert: { payload: AlertPayload, roles: OPERATIONAL, tracks: TRACKS, compartments: SHARED },
  ack: { payload: AckPayload, roles: ['head', 'duty', 'analyst', 'commercial'], tracks: TRACKS, answers: {} },
  clarification: { payload: ClarificationPayload, roles: ROLES, tracks: TRACKS, compartments: SHARED, answers: {} },
  'clarification.reply': { payload: ClarificationReplyPayload, roles: RESPONDERS, tracks: TRACKS, answers: { types: ['clarification'] } },
  'explanation.request': { payload: ExplanationRequestPayload, roles: OPERATIONAL, tracks: ['deescalation', 'general'], compartments: SHARED },
  'explanation.reply': { payload: ExplanationReplyPayload, roles: OPERATIONAL, tracks: TRACKS, answers: { types: ['explanation.request'] } },
  'meeting.convene': {
    payload: MeetingConvenePayload,
    roles: OPERATIONAL,
    tracks: TRACKS,
    partyKinds: ['supervisor'],
    compartments: SHARED,
    answers: { types: ['explanation.request'] },
  },
  'link.check': { payload: LinkCheckPayload, roles: ['duty'], tracks: ['general'], compartments: ['plenary'] },
  'channel.suspended': { payload: ChannelStatePayload, roles: ['head'], tracks: ['general'], compartments: ['plenary'] },
  'channel.resumed': { payload: ChannelStatePayload, roles: ['head'], tracks: ['general'], compartments: ['plenary'] },
  escalation: { payload: EscalationPayload, roles: [], tracks: TRACKS, cellOnly: true, answers: {} },
} as const satisfies Record<string, ItemTypeDefinition>;

export type ItemTypeName = keyof typeof ITEM_TYPES;

export function itemTypeDefinition(type: string): ItemTypeDefinition | undefined {
  return Object.hasOwn(ITEM_TYPES, type) ? ITEM_TYPES[type as ItemTypeName] : undefined;
}
