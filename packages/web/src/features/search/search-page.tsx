import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { SearchFilters } from './search-filters.tsx';
import { asksAnything, pageQueryFrom, type SearchPageQuery } from './search-params.ts';
import { SearchResultsView } from './search-results.tsx';
import { useSearch } from './use-search.ts';
import './search.css';

/**
 * Search over everything the member's party may read: words and "phrases" in any of the
 * cell's languages, filters, and results that open the item in its thread. The address holds
 * the search (`/search?q=…`), so a search can be kept, shared within the party, or gone back to.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const query = pageQueryFrom(search);
  const state = useSearch(query);

  const change = (update: SearchPageQuery, asNewSearch: boolean) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [param, value] of Object.entries(update)) {
          if (value === undefined || value.trim() === '') next.delete(param);
          else next.set(param, value);
        }
        return next;
      },
      // New words are a new step back in history; a filter refines the search where it stands.
      { replace: !asNewSearch },
    );

  return (
    <div className="page search-page" data-testid="page-search">
      <PageHeading title={t('search.title')}>
        <p className="page-lead">{t('search.lead')}</p>
      </PageHeading>
      {/* Keyed by the address's words, so going back shows the words of that search. */}
      <SearchBox key={query.q ?? ''} words={query.q ?? ''} onSearch={(words) => change({ q: words }, true)} />
      <SearchFilters query={query} onChange={(update) => change(update, false)} />
      {asksAnything(query) ? (
        <SearchResultsView state={state} />
      ) : (
        <section className="search-tips" data-testid="search-tips">
          <p>{t('search.tips.start')}</p>
          <ul>
            <li>{t('search.tips.words')}</li>
            <li>{t('search.tips.phrases')}</li>
            <li>{t('search.tips.languages')}</li>
            <li>{t('search.tips.scope')}</li>
          </ul>
        </section>
      )}
    </div>
  );
}

function SearchBox({ words, onSearch }: { words: string; onSearch(words: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(words);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text);
  };
  return (
    <form role="search" className="search-box" onSubmit={submit} data-testid="search-form">
      <label htmlFor={id}>{t('search.form.label')}</label>
      <div className="search-box-row">
        <input
          id={id}
          type="search"
          dir="auto"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          data-testid="search-input"
        />
        <button type="submit" className="button button-primary" data-testid="search-submit">
          {t('search.form.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('search.form.hint')}
      </p>
    </form>
  );
}
