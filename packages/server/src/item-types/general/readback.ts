import { defineServerItemType } from '../server-item-type.ts';

export const readbackConfirmModule = defineServerItemType({ type: 'readback.confirm' });
