import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPhrase, MAX_WORD_FORMS, pairsOf, wordCore, foldWord, indexTerms, itemSearchText, parseSearchText, searchExcerpt, searchHighlighted, SearchQuery, searchWords, wordForms } from '../src/index.ts';

/** Whether a search for `query` (its words, all of them) finds `text`, as the index decides it. */
function finds(text: string, query: string): boolean {
  const terms = indexTerms(text);
  const indexed = new Set([...terms.words.flat(), ...terms.pairs]);
  const { words, phrases } = parseSearchText(query);
  const found = words.length > 0 && words.every((word) => indexed.has(word)) && phrases.every((phrase) => containsPhrase(text, phrase));
  // What the phrase check finds, the index's pairs found first: a phrase is never missed by the index.
  if (found) for (const phrase of phrases) expect(pairsOf(phrase).every((pair) => indexed.has(pair)), `pairs of ${phrase.join(' ')}`).toBe(true);
  return found;
}

describe('Arabic', () => {
  // "The convoy arrived at the big city this morning, then returned to the border", with full vocalisation.
  const vocalised = 'وَصَلَتِ القَافِلَةُ إِلَى المَدِينَةِ الكَبِيرَةِ صَبَاحَ اليَوْمِ، ثُمَّ عَادَتْ إِلَى الحُدُودِ.';
  // "And the committee announced, in the buffer zone, the withdrawal of forces from the villages."
  const plain = 'وأعلنت اللجنة بالمنطقة العازلة انسحاب القوات من القرى ووصول المراقبين للجنة الفنية';

  it('reads text with harakat, shadda and tatweel as the same words without them', () => {
    expect(foldWord('القَافِلَةُ')).toEqual(['القافله']);
    expect(foldWord('ثُمَّ')).toEqual(['ثم']);
    expect(foldWord('الحـــدود')).toEqual(['الحدود']);
    expect(finds(vocalised, 'القافلة')).toBe(true);
    expect(finds(vocalised, 'الحدود')).toBe(true);
  });

  it('unifies the forms of alef and hamza, ta marbuta and ha, alef maqsura and ya', () => {
    expect(foldWord('أعلنت')).toEqual(foldWord('اعلنت'));
    expect(foldWord('إلى')).toEqual(foldWord('الي'));
    expect(foldWord('آثار')).toEqual(foldWord('اثار'));
    expect(foldWord('ٱلمدينة')).toEqual(foldWord('المدينه'));
    expect(finds(plain, 'اعلنت')).toBe(true);
    expect(finds(vocalised, 'مدينه')).toBe(true);
    expect(finds(vocalised, 'الي')).toBe(true);
    expect(foldWord('١٤٣')).toEqual(['143']);
  });

  it('finds a word written with its prefixes: the article, and, in, to, so, like', () => {
    expect(finds(vocalised, 'قافلة')).toBe(true);
    expect(finds(vocalised, 'مدينة')).toBe(true);
    expect(finds(plain, 'منطقة')).toBe(true);
    expect(finds(plain, 'المنطقة')).toBe(true);
    expect(finds(plain, 'وصول')).toBe(true);
    expect(finds(plain, 'لجنة')).toBe(true);
    expect(finds('فالعمل مستمر كالبحر', 'عمل')).toBe(true);
    expect(finds('فالعمل مستمر كالبحر', 'البحر')).toBe(true);
    expect(wordForms('وبالمدينه')).toEqual(['وبالمدينه', 'بالمدينه', 'المدينه', 'مدينه']);
    expect(wordForms('للمدينه')).toContain('المدينه');
    // للجنة is "to the committee": لجنة begins with ل, so that reading is kept too.
    expect(wordForms('للجنه')).toContain('لجنه');
  });

  it('does not cut a short word down to nothing', () => {
    expect(wordForms('ولد')).toEqual(['ولد']);
    expect(wordForms('بيت')).toEqual(['بيت']);
    expect(finds('ولد صغير', 'لد')).toBe(false);
  });

  it('finds a searched form with its prefix in longer forms, not in the bare word', () => {
    expect(finds(plain, 'اللجنة')).toBe(true);
    expect(finds('لجنة فنية', 'اللجنة')).toBe(false);
  });
});

describe('Hebrew', () => {
  // "The convoy reached the checkpoint in the north, and from there to the house", with niqqud.
  const pointed = 'הַשַּׁיָּרָה הִגִּיעָה לַמַּחְסוֹם בַּצָּפוֹן, וּמִשָּׁם לַבַּיִת.';
  // "Our shift roster will be sent by the evening, and the IDF liaison will confirm it."
  const plain = 'לוח המשמרות שלנו יישלח עד הערב, וקצין הקישור של צה״ל יאשר אותו ובבית הספר';

  it('reads pointed text (niqqud, dagesh, shin dot) as unpointed', () => {
    expect(foldWord('מַחְסוֹם')).toEqual(['מחסום']);
    expect(foldWord('שָּׁם')).toEqual(['שם']);
    expect(finds(pointed, 'מחסום')).toBe(true);
    expect(finds(pointed, 'צפון')).toBe(true);
  });

  it('strips cantillation marks as well', () => {
    expect(foldWord('בְּרֵאשִׁ֖ית')).toEqual(['בראשית']);
  });

  it('finds a word written with its prefixes: ה ו ב ל מ ש כ, alone or together', () => {
    expect(finds(plain, 'משמרות')).toBe(true);
    expect(finds(plain, 'ערב')).toBe(true);
    expect(finds(plain, 'קצין')).toBe(true);
    expect(finds(plain, 'בית')).toBe(true);
    expect(finds(pointed, 'בית')).toBe(true);
    expect(finds(pointed, 'שם')).toBe(true);
    expect(wordForms('ומהבית')).toEqual(['ומהבית', 'מהבית', 'הבית', 'בית']);
    // After ב, כ and ל the article is not written: למחסום is also "to the checkpoint".
    expect(finds(pointed, 'המחסום')).toBe(true);
    expect(finds(plain, 'הבית')).toBe(true);
  });

  it('reads an abbreviation the same with gershayim or a typed quote', () => {
    expect(foldWord('צה״ל')).toEqual(['צהל']);
    expect(finds(plain, 'צה"ל')).toBe(true);
    expect(parseSearchText('צה"ל')).toEqual({ words: ['צהל'], phrases: [] });
  });
});

describe('other scripts', () => {
  it('folds case and accents', () => {
    expect(finds('The Café at Checkpoint 4', 'cafe checkpoint')).toBe(true);
    expect(foldWord('Ｆｕｌｌｗｉｄｔｈ')).toEqual(['fullwidth']);
  });

  it('keeps words to 64 characters, so any text can be indexed', () => {
    const key = 'a'.repeat(5000);
    expect(indexTerms(key).words[0]?.[0]).toHaveLength(64);
    expect(finds(`key ${key}`, key)).toBe(true);
  });
});

describe('what a member types', () => {
  it('is words and "phrases", and nothing else has a meaning', () => {
    expect(parseSearchText('convoy "checkpoint 4" OR NOT* (title:secret) NEAR(a b) ^x -y {compartment_id}')).toEqual({
      words: ['convoy', 'or', 'not', 'title', 'secret', 'near', 'a', 'b', 'x', 'y', 'compartment', 'id', 'checkpoint', '4'],
      phrases: [['checkpoint', '4']],
    });
    expect(parseSearchText('"المدينة الكبيرة').phrases).toEqual([['المدينه', 'الكبيره']]);
    expect(parseSearchText('«القافلة» “one”')).toEqual({ words: ['القافله', 'one'], phrases: [] });
    expect(parseSearchText('" * : ( ) "')).toEqual({ words: [], phrases: [] });
    expect(searchWords("' OR 1=1 --")).toEqual(['or', '1', '1']);
  });

  it('finds a phrase word after word, each in any of its forms', () => {
    expect(finds('وصلت القافلة إلى المدينة الكبيرة', '"المدينة الكبيرة"')).toBe(true);
    expect(finds('ثم والمدينة الكبيرة', '"المدينة الكبيرة"')).toBe(true);
    expect(finds('المدينة الجميلة الكبيرة', '"المدينة الكبيرة"')).toBe(false);
    expect(finds('ההודעה התקבלה בבית הספר', '"בית ספר"')).toBe(true);
    expect(finds('first of the round', '"first round"')).toBe(false);
  });
});

describe('excerpts', () => {
  const sought = (query: string) => new Set(parseSearchText(query).words);

  it('marks every form of a word found, as written', () => {
    expect(searchHighlighted('Shots near crossing 3; crossing closed', sought('crossing'))).toEqual([
      { text: 'Shots near ' },
      { text: 'crossing', match: true },
      { text: ' 3; ' },
      { text: 'crossing', match: true },
      { text: ' closed' },
    ]);
    expect(searchHighlighted('وصلت القافلة إلى المَدِينَةِ', sought('مدينة'))).toEqual([{ text: 'وصلت القافلة إلى ' }, { text: 'المَدِينَةِ', match: true }]);
    // A title is shown whole, however far into it the word is.
    const title = 'one two three four five six seven eight nine ten eleven convoy';
    expect(searchHighlighted(title, sought('convoy')).map((part) => part.text).join('')).toBe(title);
  });

  it('keeps markup as text: the parts are never HTML', () => {
    const parts = searchExcerpt('<img src=x onerror=alert(1)> convoy <script>alert(2)</script>', sought('convoy'));
    expect(parts.map((part) => part.text).join('')).toBe('<img src=x onerror=alert(1)> convoy <script>alert(2)</script>');
    expect(parts.find((part) => part.match)?.text).toBe('convoy');
  });

  it('cuts a long text around the first word found, and says where it cut', () => {
    const words = Array.from({ length: 200 }, (_, index) => `w${index}`);
    words[100] = 'convoy';
    const parts = searchExcerpt(words.join(' '), sought('convoy'), 20);
    expect(parts[0]?.text.startsWith('… w92 ')).toBe(true);
    expect(parts[parts.length - 1]?.text.endsWith('w111 …')).toBe(true);
    expect(searchExcerpt(words.join(' '), sought('absent'), 5)).toEqual([{ text: 'w0 w1 w2 w3 w4 …' }]);
  });
});

describe('the text of an item', () => {
  it('takes a short first summary field as the title, and every other free-text field as the rest', () => {
    expect(itemSearchText('alert', { title: 'Shots near crossing 3', description: 'Heard at 14:00', severity: 'flash', language: 'en' })).toEqual({
      title: 'Shots near crossing 3',
      body: 'Heard at 14:00',
      language: 'en',
    });
    expect(itemSearchText('message', { text: 'A message is all body', language: 'ar' })).toEqual({ title: '', body: 'A message is all body', language: 'ar' });
  });

  it('reads a report’s marks and grades, never its codes, ids or times as text', () => {
    const report = itemSearchText('intel.report', {
      title: 'Movement near the line',
      summary: 'Two companies moved east.',
      body: 'Observed at dawn by two posts.',
      language: 'en',
      tlp: 'AMBER+STRICT',
      reliability: 'B',
      credibility: 2,
      informationTime: '2026-01-06T05:40:00Z',
      caveats: ['Not for release'],
      evidence: [{ sha256: 'a'.repeat(64), name: 'post-7-photo.jpg', mediaType: 'image/jpeg', size: 10 }],
    });
    expect(report).toEqual({
      title: 'Movement near the line',
      body: 'Two companies moved east.\n\nObserved at dawn by two posts.\n\npost-7-photo.jpg\n\nNot for release',
      language: 'en',
      tlp: 'AMBER+STRICT',
      reliability: 'B',
      credibility: 2,
    });
  });

  it('reads nothing of a payload its type does not accept', () => {
    expect(itemSearchText('message', { text: 42 })).toEqual({ title: '', body: '' });
    expect(itemSearchText('no.such.type', { text: 'x' })).toEqual({ title: '', body: '' });
  });
});

describe('the query parameters', () => {
  it('read lists separated by commas, and AMBER+STRICT when + arrived as a space', () => {
    const query = SearchQuery.parse({ type: 'intel.report,message', tlp: 'AMBER STRICT,RED', credibility: '1,2', limit: '5' });
    expect(query).toMatchObject({ type: ['intel.report', 'message'], tlp: ['AMBER+STRICT', 'RED'], credibility: ['1', '2'], limit: 5 });
  });

  it('refuse what is not in the lists, naming it', () => {
    const result = SearchQuery.safeParse({ type: 'intel.report,secret' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['type', 1], message: 'there is no item type "secret"' });
    expect(SearchQuery.safeParse({ q: 'x'.repeat(501) }).success).toBe(false);
    expect(SearchQuery.safeParse({ compartment: 'caucus-il; drop table' }).success).toBe(false);
    expect(SearchQuery.safeParse({ cursor: '-1' }).success).toBe(false);
  });
});

describe('the forms of a word', () => {
  it('are never more than MAX_WORD_FORMS, whatever the letters', () => {
    const letters = fc.constantFrom(...'ابتةجحدرسعفقكلمنهويىأإآؤئ', ...'אבגדהוזחטיכלמנסעפצקרשתםןךףץ', 'a', '1');
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 12 }), (word) => {
        for (const folded of foldWord(word.join(''))) expect(wordForms(folded).length).toBeLessThanOrEqual(MAX_WORD_FORMS);
      }),
    );
    expect(wordForms('ובלבית').length).toBeLessThanOrEqual(MAX_WORD_FORMS);
  });

  it('share the core of the word, so a phrase’s pairs are those of the text that holds it', () => {
    const letters = fc.constantFrom(...'ابتةجحدرسعفقكلمنهويىأإآؤئ', ...'אבגדהוזחטיכלמנסעפצקרשתםןךףץ', 'a', '1');
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 12 }), (word) => {
        for (const folded of foldWord(word.join(''))) for (const form of wordForms(folded)) expect(wordCore(form)).toBe(wordCore(folded));
      }),
      { numRuns: 2000 },
    );
    expect(wordCore('ומהבית')).toBe(wordCore('בית'));
    expect(wordCore('الكتاب')).toBe(wordCore('كتاب'));
  });
});
