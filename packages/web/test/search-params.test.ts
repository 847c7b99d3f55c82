import { describe, expect, it } from 'vitest';
import { CREDIBILITY, RELIABILITY, apiQuery, asksAnything, gradesUpTo, hasFilters, pageQueryFrom, worstGradeOf } from '../src/features/search/search-params.ts';

describe('the search page’s address', () => {
  it('holds the words and the filters, and nothing empty', () => {
    const query = pageQueryFrom(new URLSearchParams('q=%D9%85%D8%AF%D9%8A%D9%86%D8%A9&type=intel.report&tlp=&party=%20&other=x'));
    expect(query).toEqual({ q: 'مدينة', type: 'intel.report' });
    expect(asksAnything(query)).toBe(true);
    expect(hasFilters(query)).toBe(true);
    expect(asksAnything(pageQueryFrom(new URLSearchParams('')))).toBe(false);
    expect(hasFilters(pageQueryFrom(new URLSearchParams('q=convoy')))).toBe(false);
  });

  it('asks the API for whole days in the reader’s time zone, the last one included', () => {
    const params = new URLSearchParams(apiQuery({ q: '"checkpoint 4"', tlp: 'AMBER+STRICT', from: '2026-01-05', to: '2026-01-06' }, '20'));
    expect(params.get('q')).toBe('"checkpoint 4"');
    expect(params.get('tlp')).toBe('AMBER+STRICT');
    expect(params.get('from')).toBe(new Date(2026, 0, 5).toISOString());
    expect(params.get('to')).toBe(new Date(2026, 0, 7).toISOString());
    expect(params.get('cursor')).toBe('20');
    // A plus sign travels encoded, so the server reads the marking and not a space.
    expect(apiQuery({ tlp: 'AMBER+STRICT' })).toBe('tlp=AMBER%2BSTRICT');
    expect(new URLSearchParams(apiQuery({ from: 'yesterday' })).has('from')).toBe(false);
  });

  it('offers grades as “this or better”', () => {
    expect(gradesUpTo(RELIABILITY, 'B')).toBe('A,B');
    expect(gradesUpTo(CREDIBILITY, 3)).toBe('1,2,3');
    expect(worstGradeOf(RELIABILITY, 'A,B,C')).toBe('C');
    expect(worstGradeOf(CREDIBILITY, '1,2')).toBe(2);
    expect(worstGradeOf(RELIABILITY, 'A,C')).toBeUndefined();
    expect(worstGradeOf(RELIABILITY, undefined)).toBeUndefined();
  });
});
