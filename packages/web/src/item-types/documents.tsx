import { DocumentSignContent } from '../features/documents/document-sign-content.tsx';
import { GlossaryTermContent } from '../features/documents/glossary-term-content.tsx';
import { signAction } from '../features/documents/sign-form.tsx';
import { FindingContent } from '../features/findings/finding-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const glossaryTermView = defineWebItemType({ type: 'glossary.term', nameKey: 'glossaryTerm', render: (payload) => <GlossaryTermContent payload={payload} /> });

export const documentSignView = defineWebItemType({ type: 'document.sign', nameKey: 'documentSign', render: (payload) => <DocumentSignContent payload={payload} />, actions: [signAction] });

export const findingView = defineWebItemType({ type: 'finding', nameKey: 'finding', render: (payload) => <FindingContent payload={payload as never} /> });
