import { useTranslation } from 'react-i18next';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useFormatters } from '../../i18n/format.ts';
import type { CompartmentSync, MemberView } from '../../sync/sync-types.ts';
import { CosignerList } from './cosigner-list.tsx';

const fromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * One compartment's log as this browser verified it: its size, the latest checkpoint (size,
 * start of the root, signing time), who cosigned it, and how it relates to what was verified
 * here before.
 */
export function CompartmentRecord({ compartment, members }: { compartment: CompartmentSync; members: ReadonlyMap<string, MemberView> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const partyName = usePartyName();
  const { checkpoint, consistency, cosign } = compartment;
  return (
    <li
      className={`record-compartment compartment-${compartment.kind}`}
      data-testid={`record-compartment-${compartment.id}`}
      data-size={compartment.size}
      data-checkpoint-size={checkpoint?.size ?? ''}
      data-consistency={consistency.status}
      data-cosign={cosign.state}
    >
      <h3 className="record-compartment-name">{compartmentName(compartment)}</h3>
      <p className="hint">{t('compartments.audience', { parties: format.list(compartment.parties.map(partyName)) })}</p>
      <dl className="record-facts">
        <div>
          <dt>{t('record.compartment.size')}</dt>
          <dd data-testid="record-size">{format.number(compartment.size)}</dd>
        </div>
        <div>
          <dt>{t('record.compartment.checkpoint')}</dt>
          <dd data-testid="record-checkpoint">
            {checkpoint === null ? (
              t('record.compartment.noCheckpoint')
            ) : (
              <>
                {t('record.compartment.checkpointSize', { size: format.number(checkpoint.size) })}
                {' · '}
                <code dir="ltr" title={checkpoint.rootHash} data-testid="record-root">
                  {checkpoint.rootHash.slice(0, 12)}…
                </code>
                {' · '}
                <time dateTime={fromSeconds(checkpoint.time)} data-testid="record-checkpoint-time">
                  {t('record.compartment.signedAt', { time: format.dateTime(fromSeconds(checkpoint.time)) })}
                </time>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('record.consistency.label')}</dt>
          <dd data-testid="record-consistency" data-status={consistency.status} className={`record-status record-status-${consistency.status}`}>
            {t(`record.consistency.${consistency.status}`, { from: format.number(consistency.from ?? 0) })}
          </dd>
        </div>
        <div>
          <dt>{t('record.cosign.label')}</dt>
          <dd data-testid="record-cosign" data-state={cosign.state} data-size={cosign.size ?? ''}>
            {t(`record.cosign.${cosign.state}`, { size: format.number(cosign.size ?? 0) })}
            {cosign.error && <ErrorMessage error={cosign.error} />}
          </dd>
        </div>
      </dl>
      <h4 className="record-cosigners-heading">{t('record.compartment.cosigners')}</h4>
      {compartment.cosigners.length === 0 ? (
        <p className="hint" data-testid="record-no-cosigners">
          {t('record.compartment.noCosigners')}
        </p>
      ) : (
        <CosignerList cosigners={compartment.cosigners} members={members} />
      )}
    </li>
  );
}
