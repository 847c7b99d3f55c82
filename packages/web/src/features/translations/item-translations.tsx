import { useTranslation } from 'react-i18next';
import type { Language } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { authorPartyOf, useItemGraph } from '../items/item-graph.ts';
import { originalTextOf } from './original-text.ts';
import { inReadingOrder, setReadingOrder, useReadingOrder, type ReadingOrder } from './reading-order.ts';
import { translationsOf } from './translation-state.ts';
import './translations.css';

/** One text beside the others: the authoritative original, or a translation with who made it. */
interface Column {
  kind: 'original' | 'translation';
  language: Language;
  text: string;
  id: string;
  note?: string;
  party?: string;
  translator?: string;
}

/** Chooses, for this browser, which text comes first. */
function ReadingOrderSwitch() {
  const { t } = useTranslation();
  const order = useReadingOrder();
  const choice = (value: ReadingOrder, label: string) => (
    <button type="button" className={order === value ? 'button button-small button-pressed' : 'button button-small'} aria-pressed={order === value} data-testid={`translation-order-${value}`} onClick={() => setReadingOrder(value)}>
      {label}
    </button>
  );
  return (
    <div className="translations-order" role="group" aria-label={t('understanding.translations.order.label')}>
      <span className="translations-order-label" aria-hidden="true">
        {t('understanding.translations.order.label')}
      </span>
      {choice('original', t('understanding.translations.order.original'))}
      {choice('mine', t('understanding.translations.order.mine'))}
    </div>
  );
}

/**
 * Beside an item's authoritative text: its translations, side by side with it (stacked on a
 * phone), each marked as not authoritative with the party that made it, and the original
 * marked as the authoritative text in its language. The reader chooses what comes first.
 */
export function ItemTranslations({ item }: { item: SyncedItem }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const partyName = usePartyName();
  const order = useReadingOrder();
  const mine = useLanguage();
  const original = originalTextOf(item.signed?.envelope);
  const translations = translationsOf(item.id, graph);
  if (!original || translations.length === 0) return null;
  const columns: Column[] = [
    { kind: 'original', id: item.id, ...original },
    ...translations.map(({ item: translation, payload }) => {
      const party = authorPartyOf(translation, snapshot.members);
      const translator = snapshot.members.get(translation.signed?.envelope.author ?? '')?.displayName;
      return { kind: 'translation' as const, id: translation.id, language: payload.language, text: payload.text, ...(payload.note ? { note: payload.note } : {}), ...(party ? { party } : {}), ...(translator ? { translator } : {}) };
    }),
  ];
  const languageName = (language: Language) => t(`language.names.${language}`);
  return (
    <section className="item-translations" aria-label={t('understanding.translations.heading')} data-testid="item-translations" data-order={order} data-count={translations.length}>
      <div className="item-translations-bar">
        <p className="item-translations-heading">{t('understanding.translations.heading')}</p>
        <ReadingOrderSwitch />
      </div>
      <div className="item-translations-columns">
        {inReadingOrder(columns, order, mine).map((column, position) => (
          <article key={column.id} className={`translation-column translation-column-${column.kind}`} data-testid="translation-column" data-kind={column.kind} data-language={column.language} data-item-id={column.id} data-position={position}>
            <p className="translation-column-label">
              {column.kind === 'original' ? (
                <span className="translation-badge translation-badge-authoritative">{t('understanding.translations.authoritative', { language: languageName(column.language) })}</span>
              ) : (
                <span className="translation-badge">{t('understanding.translations.notAuthoritative', { language: languageName(column.language) })}</span>
              )}
            </p>
            {column.kind === 'translation' && (
              <p className="hint translation-column-by" data-testid="translation-by" data-party={column.party}>
                {t('understanding.translations.by', { party: column.party ? partyName(column.party) : '?', name: column.translator ?? '?' })}
              </p>
            )}
            <FreeText text={column.text} language={column.language} testId="translation-text" />
            {column.note !== undefined && (
              <Field label={t('understanding.translations.note')}>
                <FreeText text={column.note} language={column.language} />
              </Field>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
