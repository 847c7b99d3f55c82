import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { disputeIsOpen } from '@fusion-cell/protocol';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { disputePath, ShownDispute } from './dispute-links.ts';
import type { DisputeRecord } from './dispute-record.ts';
import { useStateName } from './state-names.ts';
import { useDisputeIndex } from './use-disputes.ts';

function BannerLine({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  const open = disputeIsOpen(record.state);
  const subject = (
    <bdi lang={record.payload.language} dir="auto">
      {record.payload.subject}
    </bdi>
  );
  return (
    <li className={open ? 'disputed-banner-open' : `disputed-banner-closed disputed-banner-${record.state}`} data-testid="disputed-banner-line" data-dispute={record.id} data-state={record.state}>
      <span className="disputed-banner-mark" aria-hidden="true">
        {open ? '⚠' : '✓'}
      </span>
      <Link to={disputePath(record.id)} data-testid="disputed-banner-link" data-dispute={record.id}>
        {open ? t('disputes.banner.open') : t(`disputes.banner.closed.${record.closing?.payload.outcome ?? 'unresolved'}`)} {subject}
      </Link>
      {open && <span className="tag dispute-stage-tag">{stateName(record.state)}</span>}
    </li>
  );
}

/** Above an item under dispute: which disputes name it, where they stand, and a link to each; closed ones quieter. */
export function DisputedBanner({ item }: { item: SyncedItem }) {
  const { t } = useTranslation();
  const index = useDisputeIndex();
  const shown = useContext(ShownDispute);
  const records = (index.byItem.get(item.id) ?? []).filter((id) => id !== shown).flatMap((id) => index.disputes.get(id) ?? []);
  if (records.length === 0) return null;
  const open = records.filter((record) => disputeIsOpen(record.state));
  return (
    <aside className={open.length > 0 ? 'disputed-banner' : 'disputed-banner disputed-banner-quiet'} data-testid="disputed-banner" data-open={open.length} aria-label={t('disputes.banner.label')}>
      <ul>
        {[...open, ...records.filter((record) => !disputeIsOpen(record.state))].map((record) => (
          <BannerLine key={record.id} record={record} />
        ))}
      </ul>
    </aside>
  );
}
