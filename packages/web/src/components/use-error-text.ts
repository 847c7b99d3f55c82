import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiError } from '../api/api-error.ts';
import en from '../i18n/en.json';
import { useFormatters } from '../i18n/format.ts';
import { fieldNameOf } from './field-names.ts';
import type { InputProblem } from './input-problems.ts';

/** What went wrong, in the member's language: never the server's English. */
export interface ErrorWords {
  summary: string;
  /** The field it is about, by its name in the member's language. */
  field: string | undefined;
}

/**
 * A field's name in the member's language, from the path the server or a schema gives
 * (`body.envelope.payload.title` → "Title"); a path no form offers stays as written.
 */
export function fieldName(t: TFunction, path: string): string {
  const name = fieldNameOf(path);
  return Object.hasOwn(en.fields, name) ? t(`fields.${name as keyof typeof en.fields}`) : path;
}

/** An API error's code and field in words: every code of the closed list has them. */
export function describeError(t: TFunction, error: ApiError): ErrorWords {
  const summary = t(`errors.codes.${error.code}`);
  return { summary, field: error.field === undefined ? undefined : fieldName(t, error.field) };
}

/** What a form refuses in one field, naming the field and the limit, with numbers in the member's digits. */
export function describeProblem(t: TFunction, number: (value: number) => string, problem: InputProblem): string {
  const field = fieldName(t, problem.field);
  const limit = number(problem.limit ?? 0);
  const length = number(problem.length ?? 0);
  return t(`errors.problems.${problem.kind}`, { field, limit, length });
}

/** Turns an API error code and field into words in the active language. */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback((error: ApiError): ErrorWords => describeError(t, error), [t]);
}

/** Turns what a form refuses into a sentence in the active language. */
export function useProblemText() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  return useCallback((problem: InputProblem): string => describeProblem(t, number, problem), [t, number]);
}
