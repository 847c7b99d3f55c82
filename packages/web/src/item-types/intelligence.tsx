import { replyAction } from '../features/items/answer-form.tsx';
import { opinionAction } from '../features/intelligence/opinion-form.tsx';
import { OpinionContent, ReportContent, RfiCloseContent, RfiContent, RfiReplyContent } from '../features/intelligence/report-content.tsx';
import { ReportForm } from '../features/intelligence/report-form.tsx';
import { closeRfiAction, RfiForm } from '../features/intelligence/rfi-form.tsx';
import { rfiState } from '../features/intelligence/rfi-state.ts';
import { defineWebItemType } from './web-item-type.ts';

export const intelReportView = defineWebItemType({
  type: 'intel.report',
  nameKey: 'intelReport',
  render: (payload) => <ReportContent payload={payload} />,
  form: {
    Form: ReportForm,
    name: 'intel-report',
    heading: (t, compartment) => (compartment === undefined ? t('intelligence.forms.report.heading') : t('intelligence.forms.report.headingIn', { compartment })),
    track: 'folded',
  },
});

export const intelRfiView = defineWebItemType({
  type: 'intel.rfi',
  nameKey: 'intelRfi',
  render: (payload) => <RfiContent payload={payload} />,
  form: {
    Form: RfiForm,
    name: 'intel-rfi',
    heading: (t, compartment) => (compartment === undefined ? t('intelligence.forms.rfi.heading') : t('intelligence.forms.rfi.headingIn', { compartment })),
    track: 'folded',
  },
  // Closed by its asker, answered or not, it awaits nothing more (the cell releases the same).
  released: (id, graph, members) => rfiState(id, graph, members) !== 'open',
});

export const intelRfiReplyView = defineWebItemType({
  type: 'intel.rfi.reply',
  nameKey: 'intelRfiReply',
  render: (payload) => <RfiReplyContent payload={payload} />,
  actions: [replyAction('intel.rfi.reply')],
});

export const intelRfiCloseView = defineWebItemType({
  type: 'intel.rfi.close',
  nameKey: 'intelRfiClose',
  render: (payload) => <RfiCloseContent payload={payload} />,
  // The asker's party closes its own open request.
  actions: [closeRfiAction],
});

export const intelOpinionView = defineWebItemType({
  type: 'intel.opinion',
  nameKey: 'intelOpinion',
  render: (payload) => <OpinionContent payload={payload} />,
  actions: [opinionAction],
});
