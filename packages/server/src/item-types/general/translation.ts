import { defineServerItemType } from '../server-item-type.ts';

export const translationModule = defineServerItemType({ type: 'translation' });
