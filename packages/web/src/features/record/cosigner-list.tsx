import { useTranslation } from 'react-i18next';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import type { CosignerView, MemberView } from '../../sync/sync-types.ts';
import { groupCosigners } from './cosigner-groups.ts';

const fromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Who cosigned a checkpoint: one line per member with their latest cosignature, and the
 * devices they cosigned from behind a disclosure, open by itself when one does not verify.
 */
export function CosignerList({ cosigners, members }: { cosigners: readonly CosignerView[]; members: ReadonlyMap<string, MemberView> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  return (
    <ul className="record-cosigners" data-testid="record-cosigners">
      {groupCosigners(cosigners).map((group) => {
        const member = group.member === undefined ? undefined : members.get(group.member);
        return (
          <li
            key={group.key}
            data-testid="record-cosigner-group"
            data-party={group.party}
            data-member={group.member ?? ''}
            data-devices={group.devices.length}
            data-valid={group.valid}
            className={group.valid ? undefined : 'record-cosigner-invalid'}
          >
            <strong>{partyName(group.party)}</strong> — <bdi>{member?.displayName ?? t('thread.unknownAuthor')}</bdi>{' '}
            {group.valid ? t('record.compartment.cosignedAt', { time: format.dateTime(fromSeconds(group.latest)) }) : t('record.compartment.cosignerInvalid')}
            <details className="record-cosigner-devices" open={!group.valid}>
              <summary data-testid="record-cosigner-devices-toggle">{t('record.compartment.devices', { number: format.number(group.devices.length) })}</summary>
              <ul>
                {group.devices.map((cosigner) => (
                  <li key={cosigner.device} data-testid={`record-cosigner-${cosigner.device}`} data-device={cosigner.device} data-valid={cosigner.valid} className={cosigner.valid ? undefined : 'record-cosigner-invalid'}>
                    <code dir="ltr" className="record-device">
                      {cosigner.device}
                    </code>{' '}
                    {cosigner.valid ? t('record.compartment.cosignedAt', { time: format.dateTime(fromSeconds(cosigner.time)) }) : t('record.compartment.cosignerInvalid')}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
