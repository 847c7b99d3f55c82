import type { IntelReportPayload } from '@fusion-cell/protocol';

/**
 * Reports that read like the cell's: English, Arabic and Hebrew, words drawn with the skew of
 * real text (a few very common, most rare), Arabic and Hebrew words often written with their
 * prefixes and sometimes with their vowel marks, as people write them.
 */

const ENGLISH = `the of and to in a is that for on with as by at from this be are was it or an which patrol convoy checkpoint
crossing border line zone area forces company battalion vehicles armoured tanks artillery observed reported movement north south east west
village town road bridge river hill valley station post position unit exercise notice activity report request reply meeting supervisor
ceasefire withdrawal incident violation evidence drone aircraft helicopter radar signal communication liaison officer commander sector
morning evening night dawn noon hours minutes kilometres metres near inside outside along between within beyond approximately estimated
civilian police engineering repair supplies fuel water medical humanitarian corridor market farm field school hospital mosque church`.split(/\s+/);

const ARABIC = `في من على إلى أن عن مع هذا هذه التي الذي كان قد لم ما بين بعد قبل عند حتى دورية قافلة حاجز معبر حدود خط منطقة قوات
سرية كتيبة آليات مدرعة دبابات مدفعية رصد تحرك شمال جنوب شرق غرب قرية بلدة طريق جسر نهر تلة وادي محطة موقع وحدة تمرين إشعار نشاط
تقرير طلب رد اجتماع وسيط وقف إطلاق النار انسحاب حادث خرق دليل طائرة مسيرة مروحية رادار إشارة اتصال ضابط ارتباط قائد قطاع صباح مساء
ليل فجر ظهر ساعات دقائق كيلومتر متر قرب داخل خارج حوالي مدني شرطة هندسة إصلاح إمدادات وقود ماء طبي إنساني ممر سوق مزرعة حقل مدرسة
مستشفى مسجد كنيسة لجنة مدينة`.split(/\s+/);

const HEBREW = `של את על עם זה זו אשר היה לא כי גם או אבל בין אחרי לפני עד סיור שיירה מחסום מעבר גבול קו אזור כוחות פלוגה גדוד
רכבים משוריינים טנקים ארטילריה תצפית תנועה צפון דרום מזרח מערב כפר עיירה דרך גשר נהר גבעה עמק תחנה עמדה יחידה תרגיל הודעה
פעילות דוח בקשה תשובה פגישה מתווך הפסקת אש נסיגה אירוע הפרה ראיה מטוס רחפן מסוק מכ"ם אות קשר קצין קישור מפקד גזרה בוקר ערב
לילה שחר צהריים שעות דקות קילומטר מטר ליד בתוך מחוץ לאורך כמעט אזרחי משטרה הנדסה תיקון אספקה דלק מים רפואי הומניטרי מסדרון
שוק חווה שדה בית ספר בית חולים מסגד כנסייה ועדה עיר`.split(/\s+/);

const ALPHABETS = {
  en: 'abcdefghijklmnopqrstuvwxyz',
  ar: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
  he: 'אבגדהוזחטיכלמנסעפצקרשת',
} as const;
export type CorpusLanguage = keyof typeof ALPHABETS;
export const CORPUS_LANGUAGES: readonly CorpusLanguage[] = ['en', 'ar', 'he'];

/** Rare words (names of places, people, units): this many per language besides the common ones. */
const RARE_WORDS = 12_000;

/** A seeded generator (mulberry32): the same corpus in every run, in 32-bit integer steps that never lose precision. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A language's vocabulary, most frequent first, and a draw with Zipf's skew over it. */
export interface Vocabulary {
  words: readonly string[];
  draw(): string;
}

function vocabulary(language: CorpusLanguage, random: () => number): Vocabulary {
  const common = { en: ENGLISH, ar: ARABIC, he: HEBREW }[language];
  const letters = ALPHABETS[language];
  const rare = new Set<string>();
  while (rare.size < RARE_WORDS) {
    const length = 4 + Math.floor(random() * 6);
    rare.add(Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join(''));
  }
  const words = [...new Set([...common, ...rare])];
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank += 1) cumulative.push((total += 1 / rank));
  const draw = () => {
    const target = random() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] ?? '';
  };
  return { words, draw };
}

const ARABIC_PREFIXES = ['ال', 'وال', 'بال', 'و', 'ل', 'ف', 'لل'];
const HEBREW_PREFIXES = ['ה', 'ו', 'ב', 'ל', 'מ', 'וה', 'ומה', 'ש'];
const ARABIC_MARKS = ['\u064E', '\u064F', '\u0650', '\u0652'];
const HEBREW_POINTS = ['\u05B7', '\u05B8', '\u05B4', '\u05BC'];

/** How a word is written in a report: often with a prefix, sometimes with marks. */
function written(word: string, language: CorpusLanguage, random: () => number): string {
  if (language === 'en') return random() < 0.05 ? word[0]?.toUpperCase() + word.slice(1) : word;
  const prefixes = language === 'ar' ? ARABIC_PREFIXES : HEBREW_PREFIXES;
  const marks = language === 'ar' ? ARABIC_MARKS : HEBREW_POINTS;
  let form = random() < 0.3 ? `${prefixes[Math.floor(random() * prefixes.length)]}${word}` : word;
  if (random() < 0.1) form = [...form].map((letter) => letter + (random() < 0.5 ? (marks[Math.floor(random() * marks.length)] ?? '') : '')).join('');
  return form;
}

export interface Corpus {
  vocabularies: Record<CorpusLanguage, Vocabulary>;
  report(index: number): { payload: IntelReportPayload; compartment: string; party: string };
}

/** Where reports are filed: most in the plenary, the rest in the caucuses and internal compartments. */
const PLACES = [
  ...Array<{ compartment: string; party: string }>(8).fill({ compartment: 'plenary', party: 'sy' }),
  ...Array<{ compartment: string; party: string }>(8).fill({ compartment: 'plenary', party: 'il' }),
  ...Array<{ compartment: string; party: string }>(6).fill({ compartment: 'caucus-sy', party: 'sy' }),
  ...Array<{ compartment: string; party: string }>(6).fill({ compartment: 'caucus-il', party: 'il' }),
  ...Array<{ compartment: string; party: string }>(4).fill({ compartment: 'internal-sy', party: 'sy' }),
  ...Array<{ compartment: string; party: string }>(4).fill({ compartment: 'internal-il', party: 'il' }),
  ...Array<{ compartment: string; party: string }>(4).fill({ compartment: 'internal-us', party: 'us' }),
];
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export function corpus(seed: number): Corpus {
  const random = seeded(seed);
  const vocabularies = { en: vocabulary('en', random), ar: vocabulary('ar', random), he: vocabulary('he', random) };
  const sentence = (language: CorpusLanguage, words: number) => Array.from({ length: words }, () => written(vocabularies[language].draw(), language, random)).join(' ');
  return {
    vocabularies,
    report(index) {
      const language = CORPUS_LANGUAGES[index % 3] as CorpusLanguage;
      const place = PLACES[Math.floor(random() * PLACES.length)] as (typeof PLACES)[number];
      const tlp = TLPS[Math.floor(random() * (place.compartment === 'plenary' ? 3 : TLPS.length))] as (typeof TLPS)[number];
      return {
        compartment: place.compartment,
        party: place.party,
        payload: {
          title: sentence(language, 6 + Math.floor(random() * 6)),
          summary: `${sentence(language, 25)}.`,
          body: `${sentence(language, 60 + Math.floor(random() * 120))}.`,
          language,
          tlp,
          reliability: RELIABILITY[Math.floor(random() * RELIABILITY.length)] as (typeof RELIABILITY)[number],
          credibility: 1 + Math.floor(random() * 6),
          informationTime: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
        },
      };
    },
  };
}
