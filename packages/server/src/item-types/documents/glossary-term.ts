import { defineServerItemType } from '../server-item-type.ts';

export const glossaryTermModule = defineServerItemType({ type: 'glossary.term' });
