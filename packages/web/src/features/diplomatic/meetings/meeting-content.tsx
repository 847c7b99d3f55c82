import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES, type MeetingCancelPayload, type MeetingConfirmPayload, type MeetingPayload, type MeetingState } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { usePartyName } from '../../../components/use-names.ts';
import { useFormatters } from '../../../i18n/format.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { Field, FreeText } from '../../items/free-text.tsx';
import { useItemGraph } from '../../items/item-graph.ts';
import { meetingStateOf } from './meeting-state.ts';
import { formatInZone } from './zoned-time.ts';
import './meetings.css';

/** A meeting's state in its colour and, always, its word. */
export function MeetingStateBadge({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <span className={`tag meeting-state meeting-state-${state}`} data-testid="meeting-state" data-state={state}>
      {t(`meetings.states.${state}`)}
    </span>
  );
}

/**
 * When a meeting is held: in the venue's time zone, and in the reader's own when it reads
 * differently there; the same clock is said once.
 */
export function MeetingTime({ payload }: { payload: Pick<MeetingPayload, 'startsAt' | 'endsAt' | 'timeZone'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const venue = t('meetings.time.range', { start: formatInZone(payload.startsAt, format.language, payload.timeZone), end: formatInZone(payload.endsAt, format.language, payload.timeZone) });
  const own = t('meetings.time.range', { start: formatInZone(payload.startsAt, format.language, undefined), end: formatInZone(payload.endsAt, format.language, undefined) });
  const same = venue === own;
  return (
    <div className="meeting-time" data-testid="meeting-time" data-starts-at={payload.startsAt} data-time-zone={payload.timeZone} data-same-zone={same}>
      <p>
        <span className="item-field-label">{same ? t('meetings.time.same', { zone: payload.timeZone }) : t('meetings.time.venue', { zone: payload.timeZone })}</span>{' '}
        <time dateTime={payload.startsAt} data-testid="meeting-time-venue">
          <bdi>{venue}</bdi>
        </time>
      </p>
      {!same && (
        <p>
          <span className="item-field-label">{t('meetings.time.yours')}</span>{' '}
          <time dateTime={payload.startsAt} data-testid="meeting-time-own">
            <bdi>{own}</bdi>
          </time>
        </p>
      )}
    </div>
  );
}

/** A meeting: its round and title, state, when and where, who takes part and its agenda. */
export function MeetingContent({ payload, envelope }: { payload: MeetingPayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const { cell } = useAuthenticated();
  const item = [...graph.byId.values()].find((candidate) => candidate.signed?.envelope === envelope);
  const state = item ? meetingStateOf(item.id, graph, snapshot.members, cell) : undefined;
  return (
    <div className="item-meeting" data-testid="meeting-content" data-round={payload.round} data-state={state}>
      <p className="item-title">
        <span className="meeting-round" data-testid="meeting-round">
          {t('meetings.round', { round: format.number(payload.round) })}
        </span>{' '}
        <FreeText text={payload.title} language={payload.language} className="meeting-title" testId="meeting-title" />
      </p>
      {state && <MeetingStateBadge state={state} />}
      <MeetingTime payload={payload} />
      <Field label={t('meetings.fields.where')}>
        <p data-testid="meeting-where" data-mode={payload.mode}>
          {t(`meetings.modes.${payload.mode}`)}
          {payload.venue !== undefined && (
            <>
              {' · '}
              <bdi lang={payload.language}>{payload.venue}</bdi>
            </>
          )}
        </p>
      </Field>
      <Field label={t('meetings.fields.parties')}>
        <p data-testid="meeting-parties-list">{format.list(payload.parties.map(partyName))}</p>
      </Field>
      {(payload.members ?? []).length > 0 && (
        <Field label={t('meetings.fields.members')}>
          <p data-testid="meeting-members-list">{format.list((payload.members ?? []).map((member) => snapshot.members.get(member)?.displayName ?? member))}</p>
        </Field>
      )}
      <Field label={t('meetings.fields.agenda')}>
        <ol className="meeting-agenda-list" data-testid="meeting-agenda-list" lang={payload.language} dir={RTL_LANGUAGES.has(payload.language) ? 'rtl' : 'ltr'}>
          {payload.agenda.map((entry) => (
            <li key={entry.id} data-agenda-item={entry.id}>
              {entry.title}
            </li>
          ))}
        </ol>
      </Field>
    </div>
  );
}

export function MeetingConfirmContent({ payload }: { payload: MeetingConfirmPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="meeting-confirm-content">
      <p className="item-title">{t('meetings.confirmed')}</p>
      {payload.note !== undefined && <FreeText text={payload.note} language={payload.language} />}
    </div>
  );
}

export function MeetingCancelContent({ payload }: { payload: MeetingCancelPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="meeting-cancel-content">
      <p className="item-title">{t('meetings.cancelled')}</p>
      <Field label={t('meetings.fields.reason')}>
        <FreeText text={payload.reason} language={payload.language} />
      </Field>
    </div>
  );
}
