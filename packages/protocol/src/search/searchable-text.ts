import type { z } from 'zod';
import { LANGUAGES, type Language } from '../common.ts';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, type Reliability } from '../intelligence/admiralty.ts';
import { TLP_LEVELS, type Tlp } from '../intelligence/tlp.ts';
import { readPayload } from '../items/read-payload.ts';
import { itemTypeDefinition } from '../items/registry.ts';

/** What a search reads of an item: its title, the rest of its text, and the marks it may be filtered by. */
export interface ItemSearchText {
  /** The first field its type lists in summaries, when the payload has it and it is short text; '' otherwise. */
  title: string;
  /** Every other free-text field, in the order the type declares them, a blank line apart. */
  body: string;
  language?: Language;
  tlp?: Tlp;
  reliability?: Reliability;
  credibility?: number;
}

/** The longest text a title may be: a message's text is its whole content, not a title. */
const TITLE_MAX_LENGTH = 300;

/**
 * The searchable text of an item, read from its type's payload schema, so every type, present
 * and future, is searched without declaring anything: a string field the schema leaves free is
 * text people wrote (a title, a body, a reason, an evidence file's name); a string the schema
 * constrains (an id, a hash, a time, a code from a list) is not. The payload is read at the
 * type's current version first.
 */
export function itemSearchText(type: string, payload: unknown): ItemSearchText {
  const definition = itemTypeDefinition(type);
  const reading = definition ? readPayload(definition, payload) : undefined;
  if (!definition || !reading?.ok) return { title: '', body: '' };
  const fields = reading.payload;
  const texts: Array<{ text: string; field: string; maxLength: number }> = [];
  walk(definition.payload, fields, (text, field, maxLength) => texts.push({ text, field, maxLength }));
  const titleField = definition.summary.find((field) => fields[field] !== undefined);
  const titleTexts = texts.filter((entry) => entry.field === titleField);
  const isTitle = titleTexts.length > 0 && titleTexts.every((entry) => entry.maxLength <= TITLE_MAX_LENGTH);
  const join = (entries: typeof texts, separator: string) =>
    entries
      .map((entry) => entry.text.trim())
      .filter(Boolean)
      .join(separator);
  return {
    title: isTitle ? join(titleTexts, ' · ') : '',
    body: join(isTitle ? texts.filter((entry) => entry.field !== titleField) : texts, '\n\n'),
    ...marks(fields),
  };
}

/**
 * The language, TLP marking and Admiralty grades a payload names, where it names valid ones.
 * Compared with the lists themselves: most items have none of them, and a refused parse costs
 * an error object each.
 */
function marks(fields: Record<string, unknown>): Pick<ItemSearchText, 'language' | 'tlp' | 'reliability' | 'credibility'> {
  const { language, tlp, reliability, credibility } = fields;
  const isOneOf = <T>(list: readonly T[], value: unknown): value is T => list.includes(value as T);
  return {
    ...(isOneOf(LANGUAGES, language) ? { language } : {}),
    ...(isOneOf(TLP_LEVELS, tlp) ? { tlp } : {}),
    ...(isOneOf(RELIABILITY_GRADES, reliability) ? { reliability } : {}),
    ...(isOneOf(CREDIBILITY_GRADES, credibility) ? { credibility } : {}),
  };
}

/** The parts of a zod schema's definition the walk reads. */
interface SchemaDefinition {
  type: string;
  format?: string;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number } } }>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

const definitionOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

const ITEM_ID = /^[A-Za-z0-9_-]{43}$/;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Calls `found` with every free-text string of a value the schema accepted, naming the top-level field it is under. */
function walk(schema: z.ZodType, value: unknown, found: (text: string, field: string, maxLength: number) => void, field = ''): void {
  const definition = definitionOf(schema);
  if (value === undefined || value === null) return;
  if (WRAPPERS.has(definition.type) && definition.innerType) return walk(definition.innerType, value, found, field);
  switch (definition.type) {
    case 'string': {
      const constrained = definition.format !== undefined || (definition.checks ?? []).some((check) => check._zod.def.check === 'string_format');
      // An item id is a reference, even where a schema leaves the string free (a finding's detail).
      if (constrained || typeof value !== 'string' || ITEM_ID.test(value)) return;
      const maximum = (definition.checks ?? []).find((check) => check._zod.def.check === 'max_length')?._zod.def.maximum ?? Number.POSITIVE_INFINITY;
      return found(value, field, maximum);
    }
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return;
      for (const [key, member] of Object.entries(definition.shape ?? {})) walk(member, (value as Record<string, unknown>)[key], found, field || key);
      return;
    case 'array':
      if (Array.isArray(value) && definition.element) for (const element of value) walk(definition.element, element, found, field);
      return;
    case 'union': {
      const option = definition.options?.find((candidate) => candidate.safeParse(value).success);
      if (option) walk(option, value, found, field);
      return;
    }
    case 'pipe':
      if (definition.out && definitionOf(definition.out).type !== 'transform') walk(definition.out, value, found, field);
      else if (definition.in) walk(definition.in, value, found, field);
      return;
    case 'lazy':
      if (definition.getter) walk(definition.getter(), value, found, field);
      return;
  }
}
