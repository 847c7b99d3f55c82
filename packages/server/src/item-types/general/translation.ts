import { readPayload, type TranslationPayload } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { parseLeaf } from '../../record/applied-entry.ts';
import { defineServerItemType, type Executor } from '../server-item-type.ts';

/** The languages the cell works in, as its scenario set them: translations and glossary terms are in these. */
export async function cellLanguages(db: Executor): Promise<string[]> {
  const cell = await db.selectFrom('cells').select('languages').executeTakeFirstOrThrow();
  return JSON.parse(cell.languages) as string[];
}

/**
 * A translator translates an item that has text of its own (its payload says the text's
 * language) into another of the cell's languages. The item stays the authoritative text; the
 * translation sits under it, in its compartment and track. A translation is made from the
 * original, never from another translation, so that errors do not compound.
 */
export const translationModule = defineServerItemType({
  type: 'translation',
  async check(services, _actor, envelope) {
    const { language } = envelope.payload as unknown as TranslationPayload;
    const [first] = envelope.references;
    if (first === undefined) throw new DomainError('validation_failed', 'a translation refers first to the item it translates', 'envelope.references');
    // The core made sure that it exists and that the translator's party can see it.
    const original = await services.db
      .selectFrom('items')
      .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
      .select(['items.type', 'items.compartment_id', 'items.track', 'log_entries.leaf'])
      .where('items.id', '=', first)
      .executeTakeFirstOrThrow();
    if (original.compartment_id !== envelope.compartment) throw new DomainError('validation_failed', 'a translation is entered in the compartment of the item it translates', 'envelope.compartment');
    if (original.type === 'translation') throw new DomainError('validation_failed', 'a translation is made from the authoritative text, not from another translation', 'envelope.references[0]');
    const reading = readPayload(original.type, parseLeaf(original.leaf).envelope.payload);
    const written = reading.ok ? reading.payload['language'] : undefined;
    if (typeof written !== 'string') throw new DomainError('validation_failed', 'this item has no text of its own to translate', 'envelope.references[0]');
    if (original.track !== envelope.track) throw new DomainError('validation_failed', `a translation is filed under the track of the item it translates (${original.track})`, 'envelope.track');
    const languages = await cellLanguages(services.db);
    if (!languages.includes(language)) throw new DomainError('validation_failed', `the cell works in ${languages.join(', ')}`, 'envelope.payload.language');
    if (language === written) throw new DomainError('validation_failed', `the item is written in ${written}: a translation is into another language`, 'envelope.payload.language');
  },
});
