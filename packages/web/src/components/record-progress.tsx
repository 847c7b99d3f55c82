import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format.ts';
import { useRecordSyncInstance } from '../sync/record-sync-context.ts';
import type { RecordProgress as Progress } from '../sync/sync-progress.ts';
import './record-progress.css';

/** A record checked within this long never shows the bar: a short one is not worth a flash. */
const SHOW_AFTER_MS = 500;
/** How long the result stays in sight once the bar was shown. */
const DONE_SHOWN_MS = 5000;
/** Once the record was all checked, a backlog this large (after a long disconnection) shows the bar again; a few new entries do not. */
const BACKLOG_SHOWN = 200;

/**
 * How far this browser has come in verifying the record, under the header on every page:
 * entries checked of those the server reported, while a long record is verified in the
 * background. Nothing waits for it; it says why the record's badges are still pending, and
 * then that it is done. Its data attributes say the same to tests whether it shows or not.
 */
export function RecordProgress() {
  const { t } = useTranslation();
  const format = useFormatters();
  const sync = useRecordSyncInstance();
  const progress = useSyncExternalStore(sync.subscribeProgress, sync.getProgress);
  const shown = useShownState(progress);
  const values = { checked: format.number(progress.checked), total: format.number(progress.total), failed: format.number(progress.failed) };
  const fraction = progress.total > 0 ? Math.min(1, progress.checked / progress.total) : 0;
  return (
    <div className="record-progress-slot" data-testid="record-progress" data-state={progress.state} data-checked={progress.checked} data-total={progress.total} data-failed={progress.failed}>
      {shown === 'running' && (
        <section className="record-progress" aria-labelledby="record-progress-label" data-testid="record-progress-running">
          <p className="record-progress-text" id="record-progress-label">
            {progress.state === 'starting' ? t('recordProgress.starting') : t('recordProgress.running', values)}
          </p>
          <div
            className="record-progress-bar"
            role="progressbar"
            aria-labelledby="record-progress-label"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.state === 'starting' ? undefined : progress.checked}
            aria-valuetext={progress.state === 'starting' ? t('recordProgress.starting') : t('recordProgress.valueText', values)}
            data-testid="record-progress-bar"
          >
            <span className="record-progress-fill" style={{ inlineSize: `${(fraction * 100).toFixed(1)}%` }} />
          </div>
          <p className="record-progress-hint">{t('recordProgress.hint')}</p>
        </section>
      )}
      {/* Polite, and only once: the result is news, each page of entries is not. */}
      <p className="record-progress-done" role="status" data-testid="record-progress-done">
        {shown === 'done' && (progress.failed > 0 ? t('recordProgress.doneWithFailures', values) : t('recordProgress.done', values))}
      </p>
    </div>
  );
}

/**
 * What shows: the bar once the record has been unchecked for a moment (on first sight, or
 * with a large backlog later), then the result for a few seconds, then nothing.
 */
function useShownState(progress: Progress): 'running' | 'done' | 'none' {
  const [shown, setShown] = useState<'running' | 'done' | 'none'>('none');
  const behind = progress.state !== 'done' && (!progress.caughtUp || progress.total - progress.checked >= BACKLOG_SHOWN);
  useEffect(() => {
    if (behind) {
      if (shown === 'running') return;
      const timer = setTimeout(() => setShown('running'), SHOW_AFTER_MS);
      return () => clearTimeout(timer);
    }
    if (shown === 'running') {
      setShown(progress.state === 'done' ? 'done' : 'none');
      return;
    }
    if (shown !== 'done') return;
    const timer = setTimeout(() => setShown('none'), DONE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [behind, shown, progress.state]);
  return shown;
}
