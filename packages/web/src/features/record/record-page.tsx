import { useTranslation } from 'react-i18next';
import { CompartmentList } from '../../components/compartment-list.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAuthenticated } from '../auth/session-context.ts';

/** The signed record of each compartment the party is in. Empty until items are signed. */
export function RecordPage() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  return (
    <div className="page" data-testid="page-record">
      <PageHeading title={t('record.title')}>
        <p className="page-lead">{t('record.description')}</p>
      </PageHeading>
      <EmptyState title={t('record.empty')}>
        <p>{t('record.emptyHint')}</p>
      </EmptyState>
      <CompartmentList compartments={session.compartments} cell={cell} />
    </div>
  );
}
