import { useTranslation } from 'react-i18next';
import type { Track } from '@fusion-cell/protocol';
import { EmptyState } from '../../components/empty-state.tsx';
import type { MemberView, SyncedItem } from '../../sync/sync-types.ts';
import { answeredItem, useItemGraph } from '../items/item-graph.ts';
import { ThreadItem } from './thread-item.tsx';

/**
 * A compartment's items in one track, newest first: the latest is what a watch needs first.
 * Answers (acknowledgments, clarifications, replies, escalations) are shown under the item
 * they answer, not on their own.
 */
export function Thread({ items, track, members, loading }: { items: readonly SyncedItem[]; track: Track; members: ReadonlyMap<string, MemberView>; loading: boolean }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const inTrack = items.filter((item) => item.signed === null || item.signed.envelope.track === track);
  const topLevel = inTrack.filter((item) => {
    const target = answeredItem(item);
    return target === undefined || !graph.byId.has(target);
  });
  if (topLevel.length === 0) {
    if (loading) {
      return (
        <p className="hint" role="status" data-testid="thread-loading">
          {t('thread.loading')}
        </p>
      );
    }
    return (
      <EmptyState title={t('tracks.empty', { track: t(`tracks.${track}.name`) })}>
        <p>{t('tracks.emptyHint')}</p>
      </EmptyState>
    );
  }
  return (
    <ol className="thread" data-testid="thread" data-count={topLevel.length} reversed>
      {[...topLevel].reverse().map((item) => (
        <ThreadItem key={`${item.index}-${item.id}`} item={item} members={members} graph={graph} />
      ))}
    </ol>
  );
}
