import { useTranslation } from 'react-i18next';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { FailureReasons, VerificationBadge } from '../../components/verification-badge.tsx';
import { useFormatters } from '../../i18n/format.ts';
import type { MemberView, SyncedItem } from '../../sync/sync-types.ts';
import { verdictOf } from '../../sync/sync-types.ts';
import { documentDeclaration } from '@fusion-cell/protocol';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { DisputedBanner } from '../disputes/disputed-banner.tsx';
import { DocumentStatusPanel } from '../documents/document-status.tsx';
import { ItemTranslations } from '../translations/item-translations.tsx';
import { AckStatus } from './ack-status.tsx';
import { ItemActions } from './item-actions.tsx';
import { ItemContent } from './item-content.tsx';
import { useTypeName } from './type-names.ts';
import './item-card.css';

/**
 * One item as every list shows it: who wrote it, for which party, when; what it says, by
 * type; always whether it verified here; where each party stands on it; and, unless the list
 * offers its own answer, what the reader may do with it.
 */
export function ItemCard({ item, author, actions = true }: { item: SyncedItem; author: MemberView | undefined; actions?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const typeName = useTypeName();
  const { snapshot } = useRecordSync();
  const members = snapshot.members;
  const verdict = verdictOf(item.verification);
  const envelope = item.signed?.envelope;
  const byCell = envelope?.author === CELL_AUTHOR;
  const authorName = byCell ? t('thread.cell') : (author?.displayName ?? t('thread.unknownAuthor'));
  return (
    <article
      className={`thread-item thread-item-${verdict} ${envelope ? `thread-item-type-${envelope.type.replace('.', '-')}` : ''}`}
      data-testid={`item-${item.id}`}
      data-item-id={item.id}
      data-index={item.index}
      data-compartment={item.compartment}
      data-type={envelope?.type}
      data-verdict={verdict}
      aria-labelledby={`item-${item.id}-author`}
    >
      <header className="thread-item-header">
        <p className="thread-item-author" id={`item-${item.id}-author`}>
          <span className="tag tag-type" data-testid="item-type">
            {envelope ? typeName(envelope.type) : t('thread.unreadableType')}
          </span>
          <bdi data-testid="item-author">{authorName}</bdi>
          {byCell && <span className="thread-item-party">{t('thread.signedByCell')}</span>}
          {author && (
            <span className="thread-item-party" data-testid="item-party" data-party={author.party}>
              {partyName(author.party)}
            </span>
          )}
        </p>
        <p className="thread-item-meta">
          {envelope && (
            <time dateTime={envelope.authoredAt} data-testid="item-time">
              {format.dateTime(envelope.authoredAt)}
            </time>
          )}
          {item.index >= 0 && <span className="thread-item-index">{t('thread.entry', { index: item.index })}</span>}
        </p>
      </header>
      <DisputedBanner item={item} />
      <ItemContent envelope={envelope} />
      <ItemTranslations item={item} />
      <VerificationBadge verification={item.verification} />
      <FailureReasons verification={item.verification} />
      <AckStatus item={item} />
      {envelope && documentDeclaration(envelope.type) && <DocumentStatusPanel item={item} members={members} />}
      {actions && <ItemActions item={item} />}
    </article>
  );
}
