import { useTranslation } from 'react-i18next';
import { useNow, useServerClockOffset } from '../../components/use-now.ts';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { alarmSound } from '../alerts/alarm-sound.ts';
import { requestDesktopPermission, useDesktopPermission } from '../alerts/desktop-notifications.ts';
import { setSoundMuted, useSoundMuted } from '../alerts/sound-settings.ts';

/** Whether this console is live: on the stream, catching up, or reconnecting (polling meanwhile). */
export function StreamStatusBadge() {
  const { t } = useTranslation();
  const { stream } = useCoordination();
  const now = useNow();
  const clockOffset = useServerClockOffset();
  const state = stream.state === 'live' ? 'live' : stream.state === 'waiting' ? 'reconnecting' : stream.state === 'ended' ? 'ended' : 'connecting';
  const seconds = stream.retryAt === null ? 0 : Math.max(0, Math.ceil((stream.retryAt - now) / 1000));
  return (
    <p
      className={`stream-status stream-status-${state}`}
      data-testid="stream-status"
      data-state={state}
      data-connections={stream.connections}
      data-duplicates={stream.duplicatesDropped}
      data-resumes={stream.resumes}
      data-clock-offset={clockOffset}
      role="status"
    >
      <span aria-hidden="true">{state === 'live' ? '●' : '○'} </span>
      {state === 'reconnecting' ? t('watch.stream.reconnecting', { seconds }) : t(`watch.stream.${state}`)}
    </p>
  );
}

/** Mutes the alarm in this browser; the choice is kept. Unmuting plays it once, as a check. */
export function SoundToggle() {
  const { t } = useTranslation();
  const muted = useSoundMuted();
  return (
    <button
      type="button"
      className="button button-small"
      data-testid="sound-toggle"
      data-muted={muted}
      aria-pressed={muted}
      onClick={() => {
        setSoundMuted(!muted);
        if (muted) void alarmSound.play();
      }}
    >
      <span aria-hidden="true">{muted ? '✕♪' : '♪'} </span>
      {muted ? t('watch.sound.muted') : t('watch.sound.on')}
    </button>
  );
}

/** Desktop notifications: asked for from this button only, never on load. */
export function DesktopNotificationsButton() {
  const { t } = useTranslation();
  const permission = useDesktopPermission();
  if (permission === 'default') {
    return (
      <button type="button" className="button button-small" data-testid="notifications-permission" data-permission={permission} onClick={() => void requestDesktopPermission()}>
        {t('watch.desktop.ask')}
      </button>
    );
  }
  return (
    <p className="hint" data-testid="notifications-permission" data-permission={permission}>
      {t(`watch.desktop.${permission}`)}
    </p>
  );
}

export function WatchToolbar() {
  return (
    <div className="watch-toolbar" data-testid="watch-toolbar">
      <StreamStatusBadge />
      <SoundToggle />
      <DesktopNotificationsButton />
    </div>
  );
}
