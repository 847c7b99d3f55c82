import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Track } from '@fusion-cell/protocol';
import { CompartmentList } from '../../components/compartment-list.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { useAuthenticated } from '../auth/session-context.ts';

/** One track's items. There are none yet: items arrive with the next features. */
export function TrackPage() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const parsed = Track.safeParse(useParams()['track']);
  if (!parsed.success || !cell.tracks.includes(parsed.data)) return <NotFoundPage />;
  const track = parsed.data;
  const name = t(`tracks.${track}.name`);
  return (
    // Keyed by track so moving between tracks is a new page: the heading takes the focus again.
    <div className="page" key={track} data-testid={`page-track-${track}`}>
      <PageHeading title={name}>
        <p className="page-lead">{t(`tracks.${track}.description`)}</p>
      </PageHeading>
      <EmptyState title={t('tracks.empty', { track: name })}>
        <p>{t('tracks.emptyHint')}</p>
      </EmptyState>
      <CompartmentList compartments={session.compartments} cell={cell} />
    </div>
  );
}
