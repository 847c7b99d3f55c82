import { asksConsent } from '@fusion-cell/protocol';
import { cancelAction, positionAction, verdictAction } from '../features/deescalation/answer-forms.tsx';
import { IncidentContent, PositionContent, VerdictContent } from '../features/deescalation/incident-content.tsx';
import { IncidentForm } from '../features/deescalation/incident-form.tsx';
import { NoticeCancelContent, NoticeContent } from '../features/deescalation/notice-content.tsx';
import { amendAction, NoticeForm } from '../features/deescalation/notice-form.tsx';
import { noticeState } from '../features/deescalation/notice-state.ts';
import { ZoneContent } from '../features/deescalation/zone-content.tsx';
import { reviseAction, ZoneForm } from '../features/deescalation/zone-form.tsx';
import { defineWebItemType } from './web-item-type.ts';

export const zoneView = defineWebItemType({
  type: 'zone',
  nameKey: 'zone',
  render: (payload) => <ZoneContent payload={payload} />,
  form: {
    Form: ZoneForm,
    name: 'zone',
    heading: (t, compartment) => (compartment === undefined ? t('deescalation.forms.zone.heading') : t('deescalation.forms.zone.headingIn', { compartment })),
    track: 'folded',
  },
  // Its next version, proposed on the latest one.
  actions: [reviseAction],
});

export const activityNoticeView = defineWebItemType({
  type: 'activity.notice',
  nameKey: 'activityNotice',
  render: (payload, envelope) => <NoticeContent payload={payload} envelope={envelope} />,
  form: {
    Form: NoticeForm,
    name: 'notice',
    heading: (t, compartment) => (compartment === undefined ? t('deescalation.forms.notice.heading') : t('deescalation.forms.notice.headingIn', { compartment })),
    track: 'folded',
  },
  // The amendment that replaces a standing notice of the reader's own party.
  actions: [amendAction],
  asksConsent,
  // Amended or cancelled, a notice no longer asks its acknowledgment.
  released: (id, graph, members) => noticeState(id, graph, members).state !== 'active',
});

export const activityCancelView = defineWebItemType({
  type: 'activity.cancel',
  nameKey: 'activityCancel',
  render: (payload) => <NoticeCancelContent payload={payload} />,
  actions: [cancelAction],
});

export const incidentReportView = defineWebItemType({
  type: 'incident.report',
  nameKey: 'incidentReport',
  render: (payload) => <IncidentContent payload={payload} />,
  form: {
    Form: IncidentForm,
    name: 'incident',
    heading: (t, compartment) => (compartment === undefined ? t('deescalation.forms.incident.heading') : t('deescalation.forms.incident.headingIn', { compartment })),
    track: 'folded',
  },
});

export const violationPositionView = defineWebItemType({
  type: 'violation.position',
  nameKey: 'violationPosition',
  render: (payload) => <PositionContent payload={payload} />,
  actions: [positionAction],
});

export const violationVerdictView = defineWebItemType({
  type: 'violation.verdict',
  nameKey: 'violationVerdict',
  render: (payload) => <VerdictContent payload={payload} />,
  actions: [verdictAction],
});
