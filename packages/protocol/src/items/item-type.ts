import type { z } from 'zod';
import type { CompartmentKind, PartyKind, Role, Track } from '../common.ts';
import type { AcknowledgmentRule, Rules } from '../rules.ts';
import type { DocumentDeclaration } from './documents.ts';
import type { EscalationKind } from './escalation-kinds.ts';
import type { FindingDeclaration } from './findings.ts';
import type { Lifecycle } from './lifecycle.ts';

/**
 * What an item of this type asks of the parties that must answer it (see `requiredParties`),
 * and under which of the cell's rules.
 */
export interface ObligationDeclaration {
  /**
   * The key under the cell's `rules.acknowledgments` that says what is owed and by when. A
   * scenario may set it; a key no type declares is refused when the scenario is loaded.
   */
  ruleKey: string;
  /**
   * Rules that vary with the payload (an alert's severity): the keys under
   * `rules.acknowledgments` it may read, and which one applies; `ruleKey` when the rules do
   * not hold that one.
   */
  variants?: { keys: readonly string[]; of: (payload: Record<string, unknown>) => string };
  /** Whether this item asks anything at all: a message only when it requests an acknowledgment. */
  appliesTo?: (payload: Record<string, unknown>) => boolean;
  /** The rule when it is not kept under `rules.acknowledgments` (link checks keep theirs in `rules.linkCheck`). */
  ruleFrom?: (rules: Rules) => AcknowledgmentRule;
  /**
   * Who owes it, when not the parties `requiredParties` names: `subject-author`, the party that
   * entered the item this one refers to first (a finding is put to the author of what was
   * checked); or the parties its payload names (a meeting's invitees, a commitment's owner).
   */
  owedBy?: 'subject-author' | { payload: (payload: Record<string, unknown>) => readonly string[] };
  /** What the cell's escalation calls a missed answer, when not simply an overdue acknowledgment or reply. */
  escalatesAs?: EscalationKind;
  /**
   * A deadline the item sets itself (a request for information's `replyDue`), in place of the
   * rule's `within`; undefined when the payload names none.
   */
  dueAt?: (payload: Record<string, unknown>) => string | undefined;
}

/**
 * One item type, declared once: what it holds, who may enter it where, what it answers, what
 * it asks of others, how its state may move, and what a summary shows. Protocol, server, web
 * and command line all read it; nothing outside a type's modules compares type names.
 */
export interface ItemType<Payload extends z.ZodType = z.ZodType> {
  type: string;
  /**
   * The payload's version. A change that old payloads do not satisfy adds a version and a
   * migration from the one before (see `migrations`); the signed bytes never change.
   */
  version: number;
  payload: Payload;
  /**
   * Migrations of older payload versions to the next, keyed by the version they start from;
   * a payload says its version in `v` (absent means 1). Readers migrate before use.
   */
  migrations?: Readonly<Record<number, (payload: Record<string, unknown>) => Record<string, unknown>>>;
  /** Roles whose members may create it. */
  roles: readonly Role[];
  /** Tracks it may be filed under. */
  tracks: readonly Track[];
  /** Kinds of party whose members may create it; any when absent. */
  partyKinds?: readonly PartyKind[];
  /** Kinds of compartment it may be entered in; any when absent. */
  compartments?: readonly CompartmentKind[];
  /**
   * It answers exactly one earlier item (its first reference), in that item's compartment and
   * track: of one of `types` when given, never of one of `except`. A party never answers its own.
   */
  answers?: { types?: readonly string[]; except?: readonly string[] };
  /**
   * Shown under the item it refers to first, though it does not answer it: a signature under
   * the version it signs, a finding under the item checked.
   */
  attached?: boolean;
  /** Entered by the cell alone, signed with its log key, never submitted by a member. */
  cellOnly?: boolean;
  /** What the required parties owe when an item of this type is entered. */
  obligation?: ObligationDeclaration;
  /**
   * The state machine it takes part in, if any: the one its items start (a request that is then
   * closed) or the one they move (the channel, suspended and resumed).
   */
  lifecycle?: Lifecycle;
  /** Its items are versions of documents that parties co-sign (see `documents.ts`). */
  document?: DocumentDeclaration;
  /** The automatic checks the cell runs on each of its items, entering each result as a finding. */
  findings?: readonly FindingDeclaration[];
  /**
   * Whether a flagged finding on one of its items is owed an answer by the item's party (the
   * default): `false` for an item that reports what someone else did (an incident, a question
   * about observed activity), where the finding places it and asks nothing of the reporter.
   */
  findingsOwed?: false;
  /** Payload fields, in order of preference, that name an item in a list. */
  summary: readonly string[];
}

/** Declares a type, keeping its name and its payload schema's own type for those who use them. */
export function defineItemType<const Name extends string, Payload extends z.ZodType>(
  declaration: ItemType<Payload> & { type: Name },
): ItemType<Payload> & { type: Name } {
  return declaration;
}
