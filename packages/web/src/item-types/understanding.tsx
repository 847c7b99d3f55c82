import { FreeText } from '../features/items/free-text.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const translationView = defineWebItemType({ type: 'translation', nameKey: 'translation', render: (payload) => <FreeText text={payload.text} language={payload.language} /> });
export const readbackConfirmView = defineWebItemType({ type: 'readback.confirm', nameKey: 'readbackConfirm', render: (payload) => (payload.note === undefined ? <></> : <FreeText text={payload.note} language={payload.language} />) });
