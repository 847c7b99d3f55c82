import { CELL_AUTHOR } from '@fusion-cell/record';
import { AlertForm } from '../features/items/alert-form.tsx';
import { AlertContent, ChannelStateContent, LinkCheckContent } from '../features/items/hotline-content.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const alertView = defineWebItemType({
  type: 'alert',
  nameKey: 'alert',
  render: (payload) => <AlertContent payload={payload} />,
  form: { Form: AlertForm, name: 'alert', heading: (t) => t('alertForm.heading'), console: 'urgent' },
});

export const linkCheckView = defineWebItemType({
  type: 'link.check',
  nameKey: 'linkCheck',
  render: (payload, envelope) => <LinkCheckContent payload={payload} byCell={envelope.author === CELL_AUTHOR} />,
});

export const channelSuspendedView = defineWebItemType({
  type: 'channel.suspended',
  nameKey: 'channelSuspended',
  render: (payload) => <ChannelStateContent payload={payload} suspended />,
});

export const channelResumedView = defineWebItemType({
  type: 'channel.resumed',
  nameKey: 'channelResumed',
  render: (payload) => <ChannelStateContent payload={payload} suspended={false} />,
});
