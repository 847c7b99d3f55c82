import { describe, expect, it } from 'vitest';
import { glossaryMatcher, glossaryParts, glossaryTextHolds, type GlossaryPhrase } from '../src/index.ts';

/** The glossary of these tests: each term in the three languages, as a cell would agree it. */
const GLOSSARY: GlossaryPhrase<string>[] = [
  { phrase: 'withdrawal', term: 'withdrawal' },
  { phrase: 'انسحاب', term: 'withdrawal' },
  { phrase: 'נסיגה', term: 'withdrawal' },
  { phrase: 'ceasefire', term: 'ceasefire' },
  { phrase: 'وقف إطلاق النار', term: 'ceasefire' },
  { phrase: 'הפסקת אש', term: 'ceasefire' },
  { phrase: 'area of separation', term: 'area' },
  { phrase: 'منطقة الفصل', term: 'area' },
  { phrase: 'אזור ההפרדה', term: 'area' },
  { phrase: 'observer', term: 'observer' },
  { phrase: 'مراقب', term: 'observer' },
  { phrase: 'משקיף', term: 'observer' },
  { phrase: 'agreement', term: 'agreement' },
  { phrase: 'اتفاقية', term: 'agreement' },
  { phrase: 'הסכם', term: 'agreement' },
  { phrase: 'peace', term: 'peace' },
  { phrase: 'سلام', term: 'peace' },
  { phrase: 'zone', term: 'zone' },
  { phrase: 'buffer zone', term: 'buffer zone' },
  { phrase: 'party', term: 'party' },
  { phrase: 'arm', term: 'arm' },
];

const matcher = glossaryMatcher(GLOSSARY);

/** The text with each term found in brackets, with the term it stands for: `[والانسحاب:withdrawal]`. */
function marked(text: string): string {
  return glossaryParts(text, matcher.find(text))
    .map((part) => (part.match ? `[${part.text}:${part.match.term}]` : part.text))
    .join('');
}

/** The written words found, in order. */
function found(text: string): string[] {
  return matcher.find(text).map((match) => text.slice(match.start, match.end));
}

describe('Arabic terms', () => {
  it('finds a term written with the article and the prefixes و ف ب ك ل in front of it', () => {
    expect(found('انسحاب القوات')).toEqual(['انسحاب']);
    expect(found('الانسحاب')).toEqual(['الانسحاب']);
    expect(found('والانسحاب')).toEqual(['والانسحاب']);
    expect(found('فالانسحاب')).toEqual(['فالانسحاب']);
    expect(found('بالانسحاب')).toEqual(['بالانسحاب']);
    expect(found('كانسحاب')).toEqual(['كانسحاب']);
    // ل before the article drops its alef: للانسحاب is "for the withdrawal".
    expect(found('للانسحاب')).toEqual(['للانسحاب']);
    expect(found('وبالانسحاب')).toEqual(['وبالانسحاب']);
  });

  it('finds it with the endings of the feminine and of the plurals ات ون ين', () => {
    expect(found('الانسحابات الجزئية')).toEqual(['الانسحابات']);
    expect(found('وصل المراقبون')).toEqual(['المراقبون']);
    expect(found('تقرير للمراقبين')).toEqual(['للمراقبين']);
    expect(found('وقّع الطرفان الاتفاقية')).toEqual(['الاتفاقية']);
    // ة and ه are one letter once folded, and the plural ات replaces it.
    expect(found('اتفاقيه واتفاقيات')).toEqual(['اتفاقيه', 'واتفاقيات']);
  });

  it('finds a term of several words, its first word with a prefix, whatever the marks', () => {
    expect(marked('نؤكد التزامنا بوقف إطلاق النار والانسحاب من المنطقة')).toBe('نؤكد التزامنا [بوقف إطلاق النار:ceasefire] [والانسحاب:withdrawal] من المنطقة');
    // Fully vocalised, with the hamza dropped from إطلاق: the range is the text as written.
    expect(found('وَوَقْفُ اطلاقِ النّارِ')).toEqual(['وَوَقْفُ اطلاقِ النّارِ']);
    expect(marked('في منطقة الفصل')).toBe('في [منطقة الفصل:area]');
  });

  it('does not find a word that only looks like the term', () => {
    // انسحب "withdrew" is a verb of the same root, not the agreed noun.
    expect(found('انسحب الجيش')).toEqual([]);
    // إسلام "Islam" and استسلام "surrender" end as سلام "peace" does, but are other words.
    expect(found('الإسلام والاستسلام')).toEqual([]);
    expect(found('السلام')).toEqual(['السلام']);
    // One word of a term of three is not the term.
    expect(found('إطلاق النار')).toEqual([]);
    expect(found('وقف الاعمال')).toEqual([]);
  });
});

describe('Hebrew terms', () => {
  it('finds a term written with the prefixes ה ו ב ל מ ש כ, alone or together', () => {
    expect(found('הנסיגה')).toEqual(['הנסיגה']);
    expect(found('והנסיגה')).toEqual(['והנסיגה']);
    expect(found('בנסיגה')).toEqual(['בנסיגה']);
    expect(found('לנסיגה')).toEqual(['לנסיגה']);
    expect(found('מהנסיגה')).toEqual(['מהנסיגה']);
    expect(found('שהנסיגה')).toEqual(['שהנסיגה']);
    expect(found('כנסיגה')).toEqual(['כנסיגה']);
    expect(found('ומהמשקיף')).toEqual(['ומהמשקיף']);
  });

  it('finds it in the plural ים and ות, with final letters written as ordinary ones before the ending', () => {
    expect(found('נסיגות חלקיות')).toEqual(['נסיגות']);
    expect(found('המשקיפים')).toEqual(['המשקיפים']);
    // הסכם ends with a final mem; its plurals write an ordinary one.
    expect(found('הסכמים והסכמות')).toEqual(['הסכמים', 'והסכמות']);
  });

  it('finds a term of several words in its construct form and with the article inside it', () => {
    expect(marked('ובהפסקת האש')).toBe('[ובהפסקת האש:ceasefire]');
    expect(marked('הפסקת אש מלאה')).toBe('[הפסקת אש:ceasefire] מלאה');
    // Agreed as אזור ההפרדה, written without the article.
    expect(marked('כוחות באזור הפרדה')).toBe('כוחות [באזור הפרדה:area]');
  });

  it('does not find a word that only looks like the term', () => {
    // ראש "head" ends as אש "fire" does; נסוג "retreated" is a verb of the root of נסיגה.
    expect(found('ראש הפסקת')).toEqual([]);
    expect(found('הצבא נסוג')).toEqual([]);
    expect(found('אזור')).toEqual([]);
  });
});

describe('English terms', () => {
  it('finds a term whatever its case, and in the plural with s, es or ies', () => {
    expect(found('The WITHDRAWAL began.')).toEqual(['WITHDRAWAL']);
    expect(found('Two withdrawals.')).toEqual(['withdrawals']);
    expect(found('Both parties agreed')).toEqual(['parties']);
    expect(marked('The Areas of Separation')).toBe('The [Areas of Separation:area]');
    expect(found('ceasefires')).toEqual(['ceasefires']);
  });

  it('does not find a word that only begins or ends like the term', () => {
    expect(found('Troops have withdrawn.')).toEqual([]);
    expect(found('The ozone layer')).toEqual([]);
    expect(found('The army and its harm')).toEqual([]);
    expect(found('The area of the town')).toEqual([]);
  });

  it('keeps the longest term where two start at one word, and never overlaps them', () => {
    expect(marked('The buffer zone and the zone')).toBe('The [buffer zone:buffer zone] and the [zone:zone]');
  });
});

describe('texts cut at the terms found', () => {
  it('gives back the whole text, as written, part after part', () => {
    const text = 'وَالانسحابُ مِن منطقةِ الفصلِ، ثم وقف إطلاق النار.';
    const parts = glossaryParts(text, matcher.find(text));
    expect(parts.map((part) => part.text).join('')).toBe(text);
    expect(parts.filter((part) => part.match).map((part) => part.match?.term)).toEqual(['withdrawal', 'area', 'ceasefire']);
  });

  it('finds nothing with an empty glossary, and in an empty text', () => {
    expect(glossaryMatcher<string>([]).find('withdrawal')).toEqual([]);
    expect(matcher.find('')).toEqual([]);
    expect(glossaryParts('', [])).toEqual([]);
  });
});

describe('filtering a list by what a reader types', () => {
  it('holds a term typed whole, with its prefixes and endings, and one still being typed', () => {
    expect(glossaryTextHolds('الانسحابات الجزئية', 'انسحاب')).toBe(true);
    expect(glossaryTextHolds('وقف إطلاق النار', 'بإطلاق')).toBe(true);
    expect(glossaryTextHolds('Withdrawal of forces', 'withd')).toBe(true);
    expect(glossaryTextHolds('אזור ההפרדה', 'הפרד')).toBe(true);
    expect(glossaryTextHolds('Withdrawal of forces', 'ceasefire')).toBe(false);
    expect(glossaryTextHolds('anything', '  ')).toBe(true);
  });
});
