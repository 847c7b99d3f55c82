import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { CompartmentRecord } from './compartment-record.tsx';
import { DownloadRecord } from './download-record.tsx';
import { LogKeyPanel } from './log-key-panel.tsx';
import { OwnDevicesPanel } from './own-devices-panel.tsx';
import './record-page.css';

/** The signed record of each compartment the party is in, as this browser verified it. */
export function RecordPage() {
  const { t } = useTranslation();
  const { sync, snapshot } = useRecordSync();
  // Opening the page reads the logs' heads once, to show what the server says now. After
  // that the live stream keeps it current: it sends each log's latest checkpoint again
  // whenever a party cosigns it. While the stream is down, the record sync polls by itself.
  useEffect(() => {
    void sync.refresh();
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
      <OwnDevicesPanel />
    </div>
  );
}
