import { useTranslation } from 'react-i18next';
import { MeetingPayload, RTL_LANGUAGES, type MinutesPayload, type PartyKind } from '@fusion-cell/protocol';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../../item-types/web-item-type.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { documentOf, useDocument } from '../../documents/document-state.ts';
import { useRecordedPayload } from '../../deescalation/form-parts.tsx';
import { Field, FreeText } from '../../items/free-text.tsx';
import { useItemGraph } from '../../items/item-graph.ts';
import { MinutesForm } from './minutes-form.tsx';

/** The meeting minutes record, as this browser holds it. */
function useMeetingPayload(meetingId: string): MeetingPayload | undefined {
  const graph = useItemGraph();
  const parsed = MeetingPayload.safeParse(graph.byId.get(meetingId)?.signed?.envelope.payload);
  return parsed.success ? parsed.data : undefined;
}

/** Marks agreed minutes: every party taking part signed this exact version, and it takes no further one. */
export function AgreedBadge() {
  const { t } = useTranslation();
  return (
    <span className="tag minutes-agreed" data-testid="minutes-agreed">
      {t('meetings.minutes.agreed')}
    </span>
  );
}

/** One version of the minutes: what it changes, then each agenda item's section with its decisions marked. */
export function MinutesContent({ payload }: { payload: MinutesPayload }) {
  const { t } = useTranslation();
  const meeting = useMeetingPayload(payload.meeting);
  const titleOf = (agendaItem: string) => meeting?.agenda.find((entry) => entry.id === agendaItem)?.title ?? agendaItem;
  return (
    <div className="item-minutes" data-testid="minutes-content">
      {meeting && <p className="item-title">{t('meetings.minutes.of', { title: meeting.title })}</p>}
      {payload.amendment !== undefined && (
        <Field label={t('meetings.minutes.amendment')} testId="minutes-amendment-note">
          <FreeText text={payload.amendment} language={payload.language} />
        </Field>
      )}
      {payload.sections.map((section) => (
        <section key={section.agendaItem} className="minutes-section-view" data-testid={`minutes-section-view-${section.agendaItem}`}>
          <h4 lang={meeting?.language} dir="auto">
            {titleOf(section.agendaItem)}
          </h4>
          <FreeText text={section.text} language={payload.language} />
          {(section.decisions ?? []).length > 0 && (
            <ul className="minutes-decisions" lang={payload.language} dir={RTL_LANGUAGES.has(payload.language) ? 'rtl' : 'ltr'}>
              {(section.decisions ?? []).map((decision) => (
                <li key={decision.id} data-testid={`minutes-decision-view-${decision.id}`}>
                  <span className="tag minutes-decision-badge" data-testid="minutes-decision-badge">
                    {t('meetings.minutes.decision')}
                  </span>{' '}
                  <span>{decision.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

/** The next version, prefilled with the latest, from a party that takes part. */
function AmendPanel({ target, onDone }: ActionPanelProps) {
  const { snapshot } = useRecordSync();
  const document = useDocument(target.id, snapshot.members);
  const payload = useRecordedPayload<MinutesPayload>(target.id);
  const meeting = useMeetingPayload(payload?.meeting ?? '');
  if (!payload || !document || !meeting) return null;
  return <MinutesForm place={target} meeting={{ id: payload.meeting, payload: meeting }} previous={{ id: target.id, payload, number: document.status.versions.length }} onDone={onDone} />;
}

/** The minutes' document as an action's offer sees it. */
export function documentIn({ target, graph, members, cell }: ActionContext) {
  const partiesOf = () => target.compartment.parties.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  return documentOf(target.id, graph, members, partiesOf);
}

/** Offered on the latest version of minutes not yet agreed, to a party that signs them. */
export const amendMinutesAction: ItemAction = {
  id: 'amend',
  offered: (context) => {
    if (context.target.type !== 'minutes') return false;
    const document = documentIn(context);
    const parties = context.target.payload['parties'];
    return document?.status.latest.id === context.target.id && !document.status.inForce && Array.isArray(parties) && parties.includes(context.reader.party);
  },
  Panel: AmendPanel,
};
