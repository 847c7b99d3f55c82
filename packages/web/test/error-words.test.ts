import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlertPayload, CreateMemberRequest, ERROR_CODES, ITEM_TYPES, LANGUAGES, type Language } from '@fusion-cell/protocol';
import { ApiError, type ClientErrorCode } from '../src/api/api-error.ts';
import { fieldNameOf } from '../src/components/field-names.ts';
import { INPUT_PROBLEM_KINDS, inputProblems } from '../src/components/input-problems.ts';
import { describeError, describeProblem, fieldName } from '../src/components/use-error-text.ts';
import ar from '../src/i18n/ar.json';
import en from '../src/i18n/en.json';
import he from '../src/i18n/he.json';

/**
 * What a member reads when the server or a form refuses something: the code and the field in
 * the member's language, never the server's English.
 */

const translators = new Map<Language, TFunction>();

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, ar: { translation: ar }, he: { translation: he } }, interpolation: { escapeValue: false } });
  for (const language of LANGUAGES) translators.set(language, instance.getFixedT(language));
});

function translator(language: Language): TFunction {
  const t = translators.get(language);
  if (!t) throw new Error(`no translator for ${language}`);
  return t;
}

const number = (value: number) => String(value);

describe('the words for every error code', () => {
  const codes: ClientErrorCode[] = [...ERROR_CODES, 'network', 'unexpected_response'];

  it.each(LANGUAGES)('has words in %s for every code of the closed list, and the two of the client', (language) => {
    for (const code of codes) {
      const { summary } = describeError(translator(language), new ApiError({ status: 400, code, message: 'the server says so in English' }));
      expect(summary, code).not.toBe(`errors.codes.${code}`);
      expect(summary, code).not.toBe('');
      expect(summary, code).not.toContain('English');
    }
  });

  it('has words in each language for every problem a form names', () => {
    for (const language of LANGUAGES) {
      for (const kind of INPUT_PROBLEM_KINDS) {
        const words = describeProblem(translator(language), number, { field: 'body.displayName', kind, limit: 120, length: 130 });
        expect(words, `${language} ${kind}`).not.toContain('errors.problems');
      }
    }
  });
});

describe('the field an error names', () => {
  it('reads the field from where the server says it was sent', () => {
    expect(fieldNameOf('body.displayName')).toBe('displayName');
    expect(fieldNameOf('body.roles[0]')).toBe('roles');
    expect(fieldNameOf('body.envelope.payload.title')).toBe('title');
    expect(fieldNameOf('body.envelope.references[2]')).toBe('references');
    expect(fieldNameOf('body.webhooks[1].url')).toBe('webhooks');
    expect(fieldNameOf('query.from')).toBe('from');
  });

  it("shows a server error naming body.displayName with the field's name in Arabic, not the server's English", () => {
    const error = new ApiError({ status: 400, code: 'validation_failed', message: 'body.displayName: Too big: expected string to have <=120 characters', field: 'body.displayName' });
    const words = describeError(translator('ar'), error);
    expect(words).toEqual({ summary: ar.errors.codes.validation_failed, field: ar.fields.displayName });
    expect(`${words.summary} ${words.field}`).not.toMatch(/[A-Za-z]/);
  });

  it('names a duplicate username in Hebrew and an alert title in Arabic', () => {
    const taken = new ApiError({ status: 409, code: 'username_taken', message: 'username "sy.duty1" is taken', field: 'body.username' });
    expect(describeError(translator('he'), taken)).toEqual({ summary: he.errors.codes.username_taken, field: he.fields.username });
    const title = new ApiError({ status: 400, code: 'validation_failed', message: 'Too big', field: 'body.envelope.payload.title' });
    expect(describeError(translator('ar'), title).field).toBe(ar.fields.title);
  });

  it('has a name, in every language, for every field of every payload a member can enter', () => {
    const payloadFields = Object.values(ITEM_TYPES)
      .filter((type) => type.cellOnly !== true)
      .flatMap((type) => Object.keys((type.payload as { shape?: object }).shape ?? {}));
    for (const field of new Set(payloadFields)) {
      for (const resources of [en, ar, he]) expect(Object.keys(resources.fields), field).toContain(field);
    }
  });

  it('keeps a path no form offers as the server wrote it', () => {
    expect(fieldName(translator('ar'), 'query.nothingWeOffer')).toBe('query.nothingWeOffer');
  });
});

describe('checking a form with the schema the server uses', () => {
  it('names an over-long full name as the server would, with the limit and the length', () => {
    const problems = inputProblems(CreateMemberRequest, { username: 'sy.new', displayName: 'x'.repeat(130), roles: ['duty'] }, 'body');
    expect(problems).toEqual([{ field: 'body.displayName', kind: 'too_long', limit: 120, length: 130 }]);
    const words = describeProblem(translator('ar'), number, problems[0]!);
    expect(words).toContain(ar.fields.displayName);
    expect(words).toContain('120');
    expect(words).toContain('130');
  });

  it('refuses a 5,000-character alert title rather than cutting it, naming the limit', () => {
    const problems = inputProblems(AlertPayload, { title: 'A'.repeat(5000), severity: 'flash', language: 'en' });
    expect(problems).toEqual([{ field: 'title', kind: 'too_long', limit: 200, length: 5000 }]);
  });

  it('says a field is missing, and a username not in the form the cell takes', () => {
    expect(inputProblems(CreateMemberRequest, { username: 'Not Valid', displayName: ' ', roles: [] }, 'body')).toEqual([
      { field: 'body.username', kind: 'format' },
      { field: 'body.displayName', kind: 'missing' },
      { field: 'body.roles', kind: 'missing' },
    ]);
  });

  it('finds nothing wrong with a request the server takes', () => {
    expect(inputProblems(CreateMemberRequest, { username: 'sy.new', displayName: 'New member', roles: ['duty'] }, 'body')).toEqual([]);
  });
});
