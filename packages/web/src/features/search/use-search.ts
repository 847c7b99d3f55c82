import { useCallback, useEffect, useState } from 'react';
import { SearchResults, type SearchHit } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { apiRequest } from '../../api/client.ts';
import { apiQuery, asksAnything, SEARCH_PATH, type SearchPageQuery } from './search-params.ts';

export interface SearchState {
  /** Every page loaded so far for the query asked now, in order. */
  hits: SearchHit[];
  /** Whether more can be loaded, and how the matches were ranked. */
  more: boolean;
  ranked: SearchResults['ranked'];
  loading: boolean;
  error: ApiError | undefined;
  /** Whether the first page of the query asked now has come back. */
  done: boolean;
  /** The API query the results shown answer (`apiQuery`), for tests and the page's own checks. */
  shownQuery: string;
  loadMore(): void;
}

interface Loaded {
  /** The API query these pages answer. */
  key: string;
  hits: SearchHit[];
  cursor: string | undefined;
  ranked: SearchResults['ranked'];
}

const NOTHING: Loaded = { key: '', hits: [], cursor: undefined, ranked: undefined };

/**
 * Runs the page's query, then further pages on demand. Results belong to the query they answer:
 * those of an earlier query are never shown as this one's, and an answer that arrives after the
 * query changed is dropped.
 */
export function useSearch(query: SearchPageQuery): SearchState {
  const key = apiQuery(query);
  const active = asksAnything(query);
  const [loaded, setLoaded] = useState<Loaded>(NOTHING);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ key: string; error: ApiError } | undefined>(undefined);
  const [wanted, setWanted] = useState<{ key: string; cursor: string | undefined }>({ key, cursor: undefined });

  // A new query starts from its first page.
  useEffect(() => {
    setWanted((current) => (current.key === key && current.cursor === undefined ? current : { key, cursor: undefined }));
  }, [key]);

  useEffect(() => {
    if (!active || wanted.key !== key) return;
    const controller = new AbortController();
    setLoading(true);
    apiRequest('GET', `${SEARCH_PATH}?${apiQuery(query, wanted.cursor)}`, SearchResults, { signal: controller.signal }).then(
      (page) => {
        setLoaded((current) => ({
          key,
          hits: wanted.cursor === undefined || current.key !== key ? page.results : [...current.hits, ...page.results],
          cursor: page.nextCursor,
          ranked: page.ranked,
        }));
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError({ key, error: toApiError(failure) });
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `key` is the query, written out: a query object that is new but the same asks nothing new.
  }, [active, key, wanted]);

  const current = loaded.key === key ? loaded : NOTHING;
  const loadMore = useCallback(() => {
    if (current.cursor !== undefined) setWanted({ key, cursor: current.cursor });
  }, [key, current.cursor]);

  return {
    hits: current.hits,
    more: current.cursor !== undefined,
    ranked: current.ranked,
    loading: active && loading,
    error: error?.key === key ? error.error : undefined,
    done: loaded.key === key,
    shownQuery: current.key,
    loadMore,
  };
}
