import type { ComponentType, ReactElement } from 'react';
import type { TFunction } from 'i18next';
import type { CellInfo, CompartmentSummary, Inbox, InboxEntry, ITEM_TYPES, ItemTypeName, PartyKind, Role, Track } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { ItemPlace } from '../features/forms/item-form.tsx';
import type { ItemGraph } from '../features/items/item-graph.ts';
import type { MemberView } from '../sync/sync-types.ts';

/**
 * How the app shows one item type, and what members do with it: its name (a key under
 * `items.types` in every language), how an item of it reads (its payload already checked
 * against the type's own schema), the form that composes one, and the actions that enter one
 * on another item.
 */
export interface WebItemType<Name extends ItemTypeName = ItemTypeName> {
  type: Name;
  nameKey: string;
  render(payload: ReturnType<(typeof ITEM_TYPES)[Name]['payload']['parse']>, envelope: Envelope): ReactElement;
  /** How a member composes a new item of this type, and where the app offers it. */
  form?: ItemTypeForm;
  /** What a reader may do on other items by entering one of this type: acknowledge, reply… */
  actions?: readonly ItemAction[];
  /**
   * Whether this item asks the other parties for their consent (a notice of activity that
   * requests it): then only an `accepted` acknowledgment is consent, and a lower level is shown
   * as an answer that gave none, never as a permission.
   */
  asksConsent?(payload: Record<string, unknown>): boolean;
  /**
   * Whether an item of this type no longer asks anything of anyone, as the record verified here
   * shows (a notice amended or cancelled by its author: the cell released what it asked).
   */
  released?(itemId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): boolean;
  /**
   * For a co-signed document's type: whether what the record holds beside a version stops its
   * signing (a joint text's open brackets), beyond what its payload says. The cell refuses the
   * same; the app does not offer what would be refused.
   */
  signingBlocked?(context: ActionContext): boolean;
}

/** Declares how a type shows, with its payload typed from the protocol's schema. */
export function defineWebItemType<Name extends ItemTypeName>(module: WebItemType<Name>): WebItemType<Name> {
  return module;
}

/**
 * A form composing an item of the type. The page gives it a place (a track's compartment) or
 * none (the duty console), where the author chooses among the compartments and tracks the
 * type allows. It is offered only to members the cell would take it from (`ITEM_TYPES`).
 */
export interface ItemTypeForm {
  Form: ComponentType<{ place?: ItemPlace | undefined }>;
  /** Names its panel in the page: `<name>-panel` opened by `<name>-open` on the console; in a track, `<name>` when open, `track-<name>-panel` when folded. */
  name: string;
  /** The panel's heading; in the compartment a track page fixes, when it names one. */
  heading(t: TFunction, compartment?: string): string;
  /** On the duty console: urgent ones stand before the queue and are marked so, routine ones after it. */
  console?: 'urgent' | 'routine';
  /** In every compartment of a track the type may be filed under: always open, or folded until opened. */
  track?: 'open' | 'folded';
}

/** The actions a reader may take on an item, in the order its bar offers them, with their words under `actions`. */
export const ITEM_ACTIONS = {
  ack: 'acknowledge',
  reply: 'reply',
  position: 'statePosition',
  verdict: 'verdict',
  clarify: 'clarify',
  convene: 'convene',
  sign: 'sign',
  revise: 'proposeVersion',
  amend: 'amend',
  cancel: 'cancelNotice',
  opinion: 'giveOpinion',
  closeRfi: 'closeRfi',
  release: 'release',
  interest: 'expressInterest',
  move: 'moveOpportunity',
  confirmMeeting: 'confirmMeeting',
  cancelMeeting: 'cancelMeeting',
  bracket: 'bracket',
  suggest: 'suggest',
  decide: 'decide',
  recordCommitment: 'recordCommitment',
  reportDone: 'reportDone',
  verifyCommitment: 'verifyCommitment',
  respondDispute: 'respondDispute',
  proposeStage: 'proposeStage',
  decideStage: 'decideStage',
  draftResolution: 'draftResolution',
  closeDispute: 'closeDispute',
  caucus: 'caucus',
  translate: 'translate',
  contestTranslation: 'contestTranslation',
  confirmReadback: 'confirmReadback',
  raiseDispute: 'raiseDispute',
} as const;
export type ItemActionId = keyof typeof ITEM_ACTIONS;

/** The item an answer refers to, and takes its compartment and track from. */
export interface AnswerTarget extends ItemPlace {
  id: string;
}

/** The item an action would be taken on, as the reader knows it. */
export interface ActionTarget {
  id: string;
  compartment: CompartmentSummary;
  track: Track;
  type: string;
  payload: Record<string, unknown>;
  /** The party it speaks for (the cell's own for its entries), when known. */
  authorParty: string | undefined;
}

/** What an action's offer depends on: the item, the reader, the cell's rules and the record verified here. */
export interface ActionContext {
  target: ActionTarget;
  reader: { party: string; roles: readonly Role[]; partyKind: PartyKind };
  cell: CellInfo;
  graph: ItemGraph;
  members: ReadonlyMap<string, MemberView>;
  /** Everything overdue across the parties, for the supervisors who see it. */
  overdue: Inbox | null;
}

export interface ActionPanelProps {
  target: AnswerTarget;
  /** What the reader's party owes on the item, as its inbox says. */
  owed: InboxEntry | undefined;
  /** Once the answer is entered: the panel may close. */
  onDone?: (() => void) | undefined;
}

/**
 * Something a reader may do on another item by entering one of this type. An answer is offered
 * where the protocol lets this type answer that one (`mayAnswer`) and the reader's party did
 * not enter the item itself; a type that does not answer (a signature, an amendment or a new
 * version of the item it refers to) only where `offered` says; either, only where the reader may
 * enter this type there (`ITEM_TYPES`) and `offered` agrees.
 */
export interface ItemAction {
  /** Its button (`action-<id>`) and its words. */
  id: ItemActionId;
  offered?(context: ActionContext): boolean;
  /** Whether entering it meets what a party owes (its inbox entry): then it opens without a click. */
  meets?(owed: Pick<InboxEntry, 'kind' | 'required'>): boolean;
  /** Offered on the supervisors' overdue view too: what is done about an answer that did not come. */
  onOverdue?: boolean;
  /**
   * It enters its item in another compartment and track than the item it is taken on (a
   * release, into a broader compartment): where the reader may enter it, `offered` says.
   */
  elsewhere?: true;
  Panel: ComponentType<ActionPanelProps>;
}
