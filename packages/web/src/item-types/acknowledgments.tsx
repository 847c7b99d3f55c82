import { AckPanel } from '../features/items/ack-actions.tsx';
import { AckContent, EscalationContent } from '../features/items/ack-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const ackView = defineWebItemType({
  type: 'ack',
  nameKey: 'ack',
  render: (payload, envelope) => <AckContent payload={payload} subject={envelope.references[0]} />,
  actions: [{ id: 'ack', meets: (owed) => owed.kind === 'ack', Panel: AckPanel }],
});

export const escalationView = defineWebItemType({ type: 'escalation', nameKey: 'escalation', render: (payload) => <EscalationContent payload={payload} /> });
