import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { MessagePayload, RTL_LANGUAGES } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { FailureReasons, VerificationBadge } from '../../components/verification-badge.tsx';
import { useFormatters } from '../../i18n/format.ts';
import type { MemberView, SyncedItem } from '../../sync/sync-types.ts';
import { verdictOf } from '../../sync/sync-types.ts';

/**
 * One item of a thread: who wrote it, for which party, when, in which language; its text in
 * that language's direction; and, always, whether it verified here.
 */
export const ThreadItem = memo(function ThreadItem({ item, author }: { item: SyncedItem; author: MemberView | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const verdict = verdictOf(item.verification);
  const envelope = item.signed?.envelope;
  const message = envelope?.type === 'message' ? MessagePayload.safeParse(envelope.payload) : undefined;
  const authorName = envelope?.author === CELL_AUTHOR ? t('thread.cell') : (author?.displayName ?? t('thread.unknownAuthor'));
  return (
    <li>
      <article
        className={`thread-item thread-item-${verdict}`}
        data-testid={`item-${item.id}`}
        data-item-id={item.id}
        data-index={item.index}
        data-compartment={item.compartment}
        data-verdict={verdict}
        aria-labelledby={`item-${item.id}-author`}
      >
        <header className="thread-item-header">
          <p className="thread-item-author" id={`item-${item.id}-author`}>
            <bdi data-testid="item-author">{authorName}</bdi>
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
            <span className="thread-item-index">{t('thread.entry', { index: item.index })}</span>
          </p>
        </header>
        {message?.success ? (
          <>
            <p className="thread-item-text" lang={message.data.language} dir={RTL_LANGUAGES.has(message.data.language) ? 'rtl' : 'ltr'} data-testid="item-text" data-language={message.data.language}>
              {message.data.text}
            </p>
            <p className="thread-item-tags">
              <span className="tag">{t('thread.writtenIn', { language: t(`language.names.${message.data.language}`) })}</span>
              {message.data.ackRequested && (
                <span className="tag tag-ack" data-testid="item-ack-requested">
                  {t('thread.ackRequested')}
                </span>
              )}
            </p>
          </>
        ) : (
          <p className="thread-item-text thread-item-unreadable" data-testid="item-text">
            {envelope ? t('thread.otherType', { type: envelope.type }) : t('thread.unreadable')}
          </p>
        )}
        <VerificationBadge verification={item.verification} />
        <FailureReasons verification={item.verification} />
      </article>
    </li>
  );
});
