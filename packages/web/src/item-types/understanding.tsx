import { confirmReadbackAction } from '../features/readback/readback-action.tsx';
import { ReadbackConfirmContent } from '../features/readback/readback-confirm-content.tsx';
import { translateAction } from '../features/translations/translate-form.tsx';
import { TranslationContent } from '../features/translations/translation-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const translationView = defineWebItemType({ type: 'translation', nameKey: 'translation', render: (payload) => <TranslationContent payload={payload} />, actions: [translateAction] });

export const readbackConfirmView = defineWebItemType({ type: 'readback.confirm', nameKey: 'readbackConfirm', render: (payload) => <ReadbackConfirmContent payload={payload} />, actions: [confirmReadbackAction] });
