import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AckLevel, type AlertPayload, type InboxEntry, type Rules } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../components/deadline-countdown.tsx';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { usePartyName } from '../../components/use-names.ts';
import { useCoordination, useCoordinationStore } from '../../coordination/coordination-context.ts';
import { parseLeaf } from '../../sync/verify-item.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckActions } from '../items/ack-actions.tsx';
import { FreeText } from '../items/free-text.tsx';
import { summarize } from '../items/item-summary.ts';
import { mayCreate } from '../items/permissions.ts';
import { useTypeName } from '../items/type-names.ts';
import { alarmSound, useSoundStatus, type AlarmKind } from './alarm-sound.ts';
import { notifyDesktop } from './desktop-notifications.ts';
import './urgent-banner.css';

type AlertSeverity = AlertPayload['severity'];

/** Roles that keep the watch: they hear the alarm, as the server notifies them. */
const WATCH_ROLES = new Set(['duty', 'head']);

/** The urgent acknowledgments the party owes: alerts and link checks, until answered. */
function urgentEntries(entries: readonly InboxEntry[] | undefined): InboxEntry[] {
  return (entries ?? []).filter((entry) => entry.urgent && entry.kind === 'ack');
}

/**
 * How many the banner shows in full, the most urgent first (the server's order): three, or one
 * on a phone. The rest are counted, with the way to the watch, so that no page is pushed
 * below the fold.
 */
const SHOWN = 3;
const SHOWN_ON_A_PHONE = 1;
const PHONE = '(max-width: 40rem)';

/** The sound the cell's rules give an item: an alert's by its severity, the full alarm otherwise. */
function soundOf(entry: InboxEntry, presentation: Rules['alertPresentation']): AlarmKind | null {
  const summary = summarize(parseLeaf(entry.leaf).signed?.envelope.payload ?? {}, entry.type);
  const sound = summary?.severity ? presentation[summary.severity].sound : 'alarm';
  return sound === 'none' ? null : sound;
}

/**
 * Urgent items the party has not acknowledged, on every page, until it has: it cannot be
 * dismissed, only answered. A new one (and every repeat the cell sends) sounds the alarm
 * for the watch and shows a system notification when the browser allows.
 */
export function UrgentBanner() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const coordination = useCoordination();
  const store = useCoordinationStore();
  const sound = useSoundStatus();
  const typeName = useTypeName();
  const phone = useMediaQuery(PHONE);
  const urgent = urgentEntries(coordination.inbox?.entries);
  const watch = session.member.roles.some((role) => WATCH_ROLES.has(role));
  const canAck = mayCreate('ack', { roles: session.member.roles, partyKind: session.party.kind });
  // When each urgent item was first shown here: the test hook for "within a second".
  const shownAt = useRef(new Map<string, number>());
  const [, setShown] = useState(0);

  // A user gesture lets the page play sound later without one.
  useEffect(() => {
    const unlock = () => alarmSound.unlock();
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
    return () => {
      document.removeEventListener('pointerdown', unlock);
      document.removeEventListener('keydown', unlock);
    };
  }, []);

  const key = urgent.map((entry) => entry.item).join(' ');
  useEffect(() => {
    const fresh = urgent.filter((entry) => !shownAt.current.has(entry.item));
    if (fresh.length === 0) return;
    for (const entry of fresh) shownAt.current.set(entry.item, Date.now());
    setShown((value) => value + 1);
    if (!watch) return;
    // The loudest the new items call for: the alarm over the chime; nothing for silent ones.
    const sounds = fresh.map((entry) => soundOf(entry, cell.rules.alertPresentation));
    const sound = sounds.includes('alarm') ? 'alarm' : sounds.includes('chime') ? 'chime' : null;
    if (sound) void alarmSound.play(sound);
    for (const entry of fresh) {
      const summary = summarize(parseLeaf(entry.leaf).signed?.envelope.payload ?? {}, entry.type);
      notifyDesktop(t('banner.notificationTitle', { type: typeName(entry.type) }), summary?.text ?? '', entry.item, true);
    }
    // Keyed by the set of urgent items: a refetch of the same items changes nothing.
  }, [key]);

  // The cell repeats an unanswered urgent item, and escalates it: the alarm sounds again. The
  // server sends these only to the watch of the party that owes the answer (and escalations
  // to the supervisors too).
  const ownParty = session.party.id;
  const partyName = usePartyName();
  useEffect(
    () =>
      store.onNotification(({ frame }) => {
        if (!watch) return;
        if (frame.kind === 'urgent-repeat' || frame.kind === 'escalation') {
          void alarmSound.play();
          // A supervisor hears other parties' escalations: the frame says whose.
          const body = frame.party === ownParty ? '' : t('watch.notifications.owedBy', { party: partyName(frame.party) });
          notifyDesktop(t(`banner.notification.${frame.kind === 'urgent-repeat' ? 'repeat' : 'escalation'}`), body, frame.item, true);
        }
      }),
    [store, watch, t, ownParty, partyName],
  );

  // What the party sent that is overdue is as loud here as what it owes.
  const sentOverdue = [...new Map((coordination.sent?.entries ?? []).filter((entry) => entry.overdue && entry.urgent).map((entry) => [entry.item, entry])).values()];
  if (urgent.length === 0 && sentOverdue.length === 0) return null;
  const room = phone ? SHOWN_ON_A_PHONE : SHOWN;
  const shown = urgent.slice(0, room);
  const shownSent = sentOverdue.slice(0, Math.max(0, room - shown.length));
  const more = urgent.length + sentOverdue.length - shown.length - shownSent.length;
  return (
    <section className="urgent-banner" role="alert" aria-labelledby="urgent-banner-title" data-testid="urgent-banner" data-sound={sound.state} data-sound-started={sound.started} data-count={urgent.length} data-sent-overdue={sentOverdue.length}>
      <h2 id="urgent-banner-title" className="urgent-banner-title">
        <span aria-hidden="true">⚠ </span>
        {urgent.length > 0 ? t('banner.title', { count: urgent.length }) : t('banner.sentTitle', { count: sentOverdue.length })}
      </h2>
      <ul className="urgent-banner-list">
        {shown.map((entry) => (
          <UrgentEntry key={entry.item} entry={entry} shownAt={shownAt.current.get(entry.item)} canAck={canAck} />
        ))}
        {shownSent.map((entry) => (
          <SentOverdueEntry key={entry.item} entry={entry} />
        ))}
      </ul>
      {more > 0 && (
        <p className="urgent-banner-more">
          <Link to="/watch" data-testid="urgent-more" data-count={more}>
            {t('banner.moreInWatch', { count: more })}
          </Link>
        </p>
      )}
      {sound.state === 'blocked' && (
        <p className="urgent-banner-sound" data-testid="sound-blocked">
          {t('banner.soundBlocked')}{' '}
          <button type="button" className="button button-small" onClick={() => void alarmSound.play()}>
            {t('banner.playSound')}
          </button>
        </p>
      )}
    </section>
  );
}

/** The severity of an alert in words, in the tone the cell's rules give it. */
function SeverityTag({ severity }: { severity: AlertSeverity }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  return <span className={`urgent-severity urgent-severity-${cell.rules.alertPresentation[severity].tone}`}>{t(`items.severity.${severity}`)}</span>;
}

function UrgentEntry({ entry, shownAt, canAck }: { entry: InboxEntry; shownAt: number | undefined; canAck: boolean }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const partyName = usePartyName();
  const envelope = parseLeaf(entry.leaf).signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, entry.type) : undefined;
  const level = AckLevel.safeParse(entry.acknowledged);
  const required = AckLevel.safeParse(entry.required);
  return (
    <li className="urgent-entry" data-testid={`urgent-${entry.item}`} data-type={entry.type} data-severity={summary?.severity} data-shown-at={shownAt}>
      <div className="urgent-entry-what">
        <p className="urgent-entry-type">
          {typeName(entry.type)}
          {summary?.severity && <SeverityTag severity={summary.severity} />}
          <span className="urgent-from">{t('banner.from', { party: partyName(entry.authorParty) })}</span>
        </p>
        {summary && <FreeText text={summary.text} language={summary.language} className="urgent-entry-title" testId="urgent-title" />}
        <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
      </div>
      <div className="urgent-entry-actions">
        {canAck && (
          <AckActions
            target={{ id: entry.item, compartment: entry.compartment, track: entry.track }}
            current={level.success ? level.data : null}
            only={required.success ? [required.data] : undefined}
            required={required.success ? required.data : undefined}
          />
        )}
        <Link to={`/watch#inbox-${entry.item}`} className="urgent-open" data-testid="urgent-open">
          {t('banner.open')}
        </Link>
      </div>
    </li>
  );
}

/** An urgent item the party sent that another party let pass its deadline. */
function SentOverdueEntry({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const partyName = usePartyName();
  const envelope = parseLeaf(entry.leaf).signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, entry.type) : undefined;
  return (
    <li className="urgent-entry urgent-entry-sent" data-testid={`urgent-sent-${entry.item}`} data-type={entry.type} data-severity={summary?.severity}>
      <div className="urgent-entry-what">
        <p className="urgent-entry-type">
          {t('banner.sentOverdue', { type: typeName(entry.type), party: partyName(entry.party) })}
          {summary?.severity && <SeverityTag severity={summary.severity} />}
        </p>
        {summary && <FreeText text={summary.text} language={summary.language} className="urgent-entry-title" />}
        <DeadlineCountdown dueAt={entry.dueAt} escalatedAt={entry.escalatedAt} />
      </div>
      <div className="urgent-entry-actions">
        <Link to={`/watch#sent-${entry.item}`} className="urgent-open" data-testid="urgent-open">
          {t('banner.open')}
        </Link>
      </div>
    </li>
  );
}
