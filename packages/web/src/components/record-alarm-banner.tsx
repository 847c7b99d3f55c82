import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format.ts';
import { useRecordSync } from '../sync/record-sync-context.ts';
import type { Alarm } from '../sync/sync-types.ts';
import { useCompartmentName } from './use-names.ts';
import './record-alarm-banner.css';

/**
 * The one thing on screen that must not be missed: this browser caught the server showing a
 * record that does not verify. It stays, on every page, for as long as the evidence does.
 */
export function RecordAlarmBanner() {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const { snapshot } = useRecordSync();
  const alarms: Alarm[] = [...snapshot.cellAlarms, ...snapshot.compartments.flatMap((compartment) => compartment.alarms)];
  const failing = snapshot.compartments.filter((compartment) => compartment.failedItems > 0);
  if (alarms.length === 0 && failing.length === 0) return null;
  const stopped = snapshot.compartments.filter((compartment) => compartment.cosign.state === 'stopped');
  return (
    <section className="record-alarm" role="alert" aria-labelledby="record-alarm-title" data-testid="record-alarm">
      <h2 id="record-alarm-title" className="record-alarm-title">
        <span aria-hidden="true">⚠ </span>
        {t('alarms.title')}
      </h2>
      <p>{t('alarms.intro')}</p>
      <ul className="record-alarm-list">
        {alarms.map((alarm) => (
          <li key={`${alarm.compartment ?? '@'}-${alarm.code}`} data-testid={`record-alarm-${alarm.compartment ?? 'log-key'}`} data-code={alarm.code}>
            <strong>{t(`alarms.codes.${alarm.code}`, { ...alarm.values, compartment: alarm.compartment === null ? '' : compartmentName(alarm.compartment) })}</strong>{' '}
            <span className="record-alarm-time">{t('alarms.raisedAt', { time: format.dateTime(alarm.raisedAt) })}</span>
            <details>
              <summary>{t('alarms.detail')}</summary>
              <p>
                <bdi lang="en">{alarm.detail}</bdi>
              </p>
              {alarm.evidence && alarm.evidence.length > 0 && (
                <>
                  <p>{t('alarms.evidence')}</p>
                  {alarm.evidence.map((note, position) => (
                    <pre key={position} className="record-alarm-evidence" dir="ltr" lang="en" data-testid="record-alarm-evidence">
                      {note}
                    </pre>
                  ))}
                </>
              )}
            </details>
          </li>
        ))}
        {failing.map((compartment) => (
          <li key={`${compartment.id}-items`} data-testid={`record-alarm-items-${compartment.id}`} data-code="items_failed" data-count={compartment.failedItems}>
            <strong>{t('alarms.failedItems', { compartment: compartmentName(compartment), count: compartment.failedItems })}</strong>
          </li>
        ))}
      </ul>
      {stopped.length > 0 && <p className="record-alarm-stopped">{t('alarms.cosignStopped', { compartments: format.list(stopped.map(compartmentName)) })}</p>}
    </section>
  );
}
