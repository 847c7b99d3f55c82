import { useTranslation } from 'react-i18next';
import { CompartmentList } from '../../components/compartment-list.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAuthenticated } from '../auth/session-context.ts';

/** Disputes across all tracks. None yet: the dispute process comes with the items. */
export function DisputesPage() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  return (
    <div className="page" data-testid="page-disputes">
      <PageHeading title={t('disputes.title')}>
        <p className="page-lead">{t('disputes.description')}</p>
      </PageHeading>
      <EmptyState title={t('disputes.empty')}>
        <p>{t('disputes.emptyHint')}</p>
      </EmptyState>
      <CompartmentList compartments={session.compartments} cell={cell} />
    </div>
  );
}
