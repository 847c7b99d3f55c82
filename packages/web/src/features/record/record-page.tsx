import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { CompartmentRecord } from './compartment-record.tsx';
import { DownloadRecord } from './download-record.tsx';
import { LogKeyPanel } from './log-key-panel.tsx';
import './record-page.css';

/**
 * While the record page is open, the logs' heads are read again every few seconds: the
 * stream brings new entries and checkpoints, but not the cosignatures added to a checkpoint
 * afterwards, nor a checkpoint the server re-signed without new entries.
 */
const RECORD_PAGE_ROUND_MS = 3000;

/** The signed record of each compartment the party is in, as this browser verified it. */
export function RecordPage() {
  const { t } = useTranslation();
  const { sync, snapshot } = useRecordSync();
  useEffect(() => {
    void sync.refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void sync.refresh();
    }, RECORD_PAGE_ROUND_MS);
    return () => clearInterval(timer);
  }, [sync]);
  return (
    <div className="page" data-testid="page-record">
      <PageHeading title={t('record.title')}>
        <p className="page-lead">{t('record.description')}</p>
      </PageHeading>
      {snapshot.error && <ErrorMessage error={snapshot.error} testId="sync-error" />}
      <LogKeyPanel logKey={snapshot.logKey} />
      <section className="record-section" aria-labelledby="record-logs-heading">
        <h2 id="record-logs-heading">{t('record.logsHeading')}</h2>
        <p className="hint">{t('record.logsHint')}</p>
        <ul className="record-compartments" data-testid="record-compartments" aria-busy={snapshot.phase === 'starting'}>
          {snapshot.compartments.map((compartment) => (
            <CompartmentRecord key={compartment.id} compartment={compartment} members={snapshot.members} />
          ))}
        </ul>
      </section>
      <DownloadRecord />
    </div>
  );
}
