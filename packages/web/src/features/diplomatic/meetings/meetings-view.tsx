import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePartyName } from '../../../components/use-names.ts';
import { useNow } from '../../../components/use-now.ts';
import { useFormatters } from '../../../i18n/format.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { mayCreate } from '../../items/permissions.ts';
import type { TrackViewProps } from '../../tracks/track-views.ts';
import { MeetingStateBadge, MeetingTime } from './meeting-content.tsx';
import { MeetingForm } from './meeting-form.tsx';
import { MeetingPage } from './meeting-page.tsx';
import { useMeetings, type MeetingEntry } from './meeting-state.ts';
import { localDay } from './zoned-time.ts';
import './meetings.css';

/** The calendar of meetings: `.ics` of every meeting the member may see, served by the cell. */
export const MEETINGS_ICS = '/api/v1/meetings.ics';

/** Meetings by day (the reader's calendar day), days in the order given. */
function byDay(meetings: readonly MeetingEntry[]): [string, MeetingEntry[]][] {
  const days = new Map<string, MeetingEntry[]>();
  for (const meeting of meetings) {
    const day = localDay(meeting.payload.startsAt);
    days.set(day, [...(days.get(day) ?? []), meeting]);
  }
  return [...days.entries()];
}

function DayList({ days, testId }: { days: [string, MeetingEntry[]][]; testId: string }) {
  const format = useFormatters();
  return (
    <ol className="meetings-days" data-testid={testId}>
      {days.map(([day, meetings]) => (
        <li key={day} className="meetings-day" data-testid={`meetings-day-${day}`}>
          <h4 className="meetings-day-heading">
            <time dateTime={day}>{new Intl.DateTimeFormat(format.language, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${day}T12:00:00`))}</time>
          </h4>
          <ul className="meetings-entries">
            {meetings.map((meeting) => (
              <li key={meeting.item.id}>
                <MeetingEntryCard meeting={meeting} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function MeetingEntryCard({ meeting }: { meeting: MeetingEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const [, setSearch] = useSearchParams();
  return (
    <article className="meeting-entry" data-testid={`meeting-entry-${meeting.item.id}`} data-state={meeting.state} data-round={meeting.payload.round}>
      <h5 className="meeting-entry-title">
        <button
          type="button"
          className="button button-link"
          data-testid="meeting-entry-open"
          onClick={() =>
            setSearch((current) => {
              const next = new URLSearchParams(current);
              next.set('meeting', meeting.item.id);
              return next;
            })
          }
        >
          {/* One flex item: the button lays out its children as items, which squeezed the round apart on a phone. */}
          <span>
            <span className="meeting-entry-round">{t('meetings.round', { round: format.number(meeting.payload.round) })}</span> · <bdi lang={meeting.payload.language}>{meeting.payload.title}</bdi>
          </span>
        </button>{' '}
        <MeetingStateBadge state={meeting.state} />
      </h5>
      <MeetingTime payload={meeting.payload} />
      <p className="hint">
        {t(`meetings.modes.${meeting.payload.mode}`)}
        {meeting.payload.venue !== undefined && (
          <>
            {' · '}
            <bdi>{meeting.payload.venue}</bdi>
          </>
        )}
        {' · '}
        {format.list(meeting.payload.parties.map(partyName))}
      </p>
    </article>
  );
}

/**
 * The Diplomatic track's calendar: upcoming meetings by day, then past ones, each opening its
 * page (the meeting, who acknowledged the invitation, its minutes) within the view; the form
 * that convenes (or, for a side, proposes) one; and the calendar as an `.ics` file.
 */
export function MeetingsView(_props: TrackViewProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { session } = useAuthenticated();
  const meetings = useMeetings();
  const now = useNow();
  const [search, setSearch] = useSearchParams();
  const [convening, setConvening] = useState(false);
  const [entered, setEntered] = useState(0);
  const selected = search.get('meeting');
  const open = meetings.find((meeting) => meeting.item.id === selected);
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const mayEnter = session.compartments.some((compartment) => mayCreate('meeting', author, { compartmentKind: compartment.kind, track: 'diplomatic' }));
  const upcomingCutoff = Math.floor(now / 60_000);
  const { upcoming, past } = useMemo(() => {
    const isPast = (meeting: MeetingEntry) => Date.parse(meeting.payload.endsAt) < upcomingCutoff * 60_000;
    return { upcoming: byDay(meetings.filter((meeting) => !isPast(meeting))), past: byDay(meetings.filter(isPast).reverse()) };
  }, [meetings, upcomingCutoff]);
  const back = () =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      next.delete('meeting');
      return next;
    });

  if (open) return <MeetingPage meeting={open} onBack={back} />;
  return (
    <section className="meetings-view" aria-labelledby={headingId} data-testid="meetings-view" data-count={meetings.length}>
      <div className="meetings-view-heading">
        <h2 id={headingId}>{t('meetings.calendar.heading')}</h2>
        <a className="button button-small" href={MEETINGS_ICS} download="meetings.ics" data-testid="meetings-ics">
          {t('meetings.calendar.ics')}
        </a>
      </div>
      <p className="hint">{t('meetings.calendar.lead')}</p>
      {mayEnter && (
        <details className="compose" data-testid="meetings-convene-panel" open={convening} onToggle={(event) => setConvening(event.currentTarget.open)}>
          <summary className="compose-heading" data-testid="meetings-convene-open">
            {session.party.kind === 'supervisor' ? t('meetings.form.convene') : t('meetings.form.propose')}
          </summary>
          <MeetingForm
            key={entered}
            onDone={() => {
              // Entered, the meeting shows in the calendar below: the panel folds, and opens on a fresh form.
              setConvening(false);
              setEntered((count) => count + 1);
            }}
          />
        </details>
      )}
      {selected !== null && !open && <p className="message message-warning">{t('meetings.calendar.notFound')}</p>}
      <h3>{t('meetings.calendar.upcoming')}</h3>
      {upcoming.length === 0 ? <p className="hint">{t('meetings.calendar.noneUpcoming')}</p> : <DayList days={upcoming} testId="meetings-upcoming" />}
      <h3>{t('meetings.calendar.past')}</h3>
      {past.length === 0 ? <p className="hint">{t('meetings.calendar.nonePast')}</p> : <DayList days={past} testId="meetings-past" />}
    </section>
  );
}
