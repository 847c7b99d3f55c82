import { AckContent, EscalationContent } from '../features/items/ack-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const ackView = defineWebItemType({ type: 'ack', nameKey: 'ack', render: (payload) => <AckContent payload={payload} /> });

export const escalationView = defineWebItemType({ type: 'escalation', nameKey: 'escalation', render: (payload) => <EscalationContent payload={payload} /> });
