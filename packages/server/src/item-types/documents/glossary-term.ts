import type { GlossaryTermPayload } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { cellLanguages } from '../general/translation.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * A glossary term is given in the cell's languages only: a term in a language no party works in
 * would be agreed by signatures no one could read. (Its versions and signatures are the
 * document framework's.)
 */
export const glossaryTermModule = defineServerItemType({
  type: 'glossary.term',
  async check(services, _actor, envelope) {
    const { language, equivalents } = envelope.payload as unknown as GlossaryTermPayload;
    const languages = await cellLanguages(services.db);
    const outside = `the cell works in ${languages.join(', ')}`;
    if (!languages.includes(language)) throw new DomainError('validation_failed', outside, 'envelope.payload.language');
    for (const other of Object.keys(equivalents ?? {})) {
      if (!languages.includes(other)) throw new DomainError('validation_failed', outside, `envelope.payload.equivalents.${other}`);
    }
  },
});
