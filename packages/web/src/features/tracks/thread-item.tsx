import type { MemberView, SyncedItem } from '../../sync/sync-types.ts';
import { ItemCard } from '../items/item-card.tsx';
import type { ItemGraph } from '../items/item-graph.ts';
import './thread.css';

/**
 * One item of a thread: who wrote it, for which party, when; what it says, by type; always
 * whether it verified here; where each party stands on it; what the reader may do with it;
 * and, under it, the items that answer it (acknowledgments, clarifications, replies,
 * escalations), oldest first, each the same way.
 */
export function ThreadItem({ item, members, graph, depth = 0 }: { item: SyncedItem; members: ReadonlyMap<string, MemberView>; graph: ItemGraph; depth?: number }) {
  const answers = graph.answers.get(item.id) ?? [];
  return (
    <li className={depth > 0 ? 'thread-answer' : undefined}>
      <ItemCard item={item} author={item.signed ? members.get(item.signed.envelope.author) : undefined} />
      {answers.length > 0 && (
        <ol className="thread-answers" data-testid={`answers-${item.id}`} data-count={answers.length}>
          {answers.map((answer) => (
            <ThreadItem key={`${answer.index}-${answer.id}`} item={answer} members={members} graph={graph} depth={depth + 1} />
          ))}
        </ol>
      )}
    </li>
  );
}
