import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RTL_LANGUAGES, SEARCH_RANKED_WINDOW, type SearchHit, type SearchTextPart } from '@fusion-cell/protocol';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { Grades, TlpLabel } from '../intelligence/tlp-marking.tsx';
import { useTypeName } from '../items/type-names.ts';
import { itemInThread } from '../tracks/track-views.ts';
import { CELL_PARTY } from './search-filters.tsx';
import type { SearchState } from './use-search.ts';

/** Text as the server sent it, the words found in `<mark>`: rendered as text, so nothing in it is ever markup. */
function TextParts({ parts }: { parts: readonly SearchTextPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
    </>
  );
}

/** One result: what and where it is, its title and the passage found, linked to the item in its thread. */
function SearchHitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const typeName = useTypeName();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const thread = itemInThread(hit.compartment, hit.item);
  // Free text keeps the language it was written in, and its direction.
  const textLanguage = hit.language ? { lang: hit.language, dir: RTL_LANGUAGES.has(hit.language) ? 'rtl' : 'ltr' } : { dir: 'auto' };
  return (
    <li className="search-hit" data-testid={`search-hit-${hit.item}`} data-item={hit.item} data-compartment={hit.compartment} data-type={hit.type} data-tlp={hit.tlp}>
      <h3 className="search-hit-title">
        <Link to={{ pathname: `/tracks/${hit.track}`, ...thread }} data-testid="search-hit-link">
          {hit.title.length > 0 ? (
            <span {...textLanguage}>
              <TextParts parts={hit.title} />
            </span>
          ) : (
            typeName(hit.type)
          )}
        </Link>
      </h3>
      <p className="search-hit-meta">
        {hit.title.length > 0 && <span className="search-hit-type">{typeName(hit.type)}</span>}
        <span>{compartmentName(hit.compartment)}</span>
        <span>{t(`tracks.${hit.track}.name`)}</span>
        <span>{hit.party === CELL_PARTY ? t('search.cellParty') : partyName(hit.party)}</span>
        <time dateTime={hit.receivedAt}>{format.dateTime(hit.receivedAt)}</time>
        {hit.tlp && <TlpLabel tlp={hit.tlp} testId="search-hit-tlp" />}
        {hit.reliability && hit.credibility !== undefined && <Grades reliability={hit.reliability} credibility={hit.credibility as 1} compact />}
      </p>
      {hit.excerpt.length > 0 && (
        <p className="search-hit-excerpt" data-testid="search-hit-excerpt" {...textLanguage}>
          <TextParts parts={hit.excerpt} />
        </p>
      )}
    </li>
  );
}

/** What the search found, page after page, or why not. */
export function SearchResultsView({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  return (
    <section
      className="search-results"
      aria-labelledby={headingId}
      aria-busy={state.loading}
      data-testid="search-results"
      data-loading={state.loading}
      data-settled={state.done && !state.loading}
      data-query={state.shownQuery}
      data-count={state.hits.length}
    >
      <h2 id={headingId} className="visually-hidden">
        {t('search.results.heading')}
      </h2>
      {state.error && <ErrorMessage error={state.error} testId="search-error" />}
      <p className="search-count" role="status" data-testid="search-count">
        {!state.done ? (state.loading ? t('search.results.loading') : '') : state.hits.length === 0 ? t('search.results.none') : t('search.results.count', { count: format.number(state.hits.length) })}
        {state.done && state.more && ` ${t('search.results.more')}`}
      </p>
      {state.ranked === 'newest' && (
        <p className="hint" data-testid="search-ranked-newest">
          {t('search.results.newestRanked', { count: format.number(SEARCH_RANKED_WINDOW) })}
        </p>
      )}
      {state.hits.length > 0 && (
        <ol className="search-hits" data-testid="search-hits">
          {state.hits.map((hit) => (
            <SearchHitCard key={hit.item} hit={hit} />
          ))}
        </ol>
      )}
      {state.more && (
        <button type="button" className="button search-more" onClick={state.loadMore} disabled={state.loading} data-testid="search-more">
          {state.loading ? t('search.results.loading') : t('search.results.loadMore')}
        </button>
      )}
    </section>
  );
}
