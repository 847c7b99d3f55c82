import type { Language } from '@fusion-cell/protocol';

/** The words a PDF prints around the text, in the text's own language. */
export interface PdfLabels {
  minutesTitle(round: string): string;
  agreedMinutes: string;
  jointText: string;
  meetingOf(date: string): string;
  decision: string;
  translation(language: string): string;
  signatures: string;
  initials: string;
  signature: string;
  signedBy(member: string): string;
  received(time: string): string;
  item(id: string): string;
  version(number: string, id: string): string;
  hash: string;
  verifyOffline: string;
  verifyNote: string;
}

const EN: PdfLabels = {
  minutesTitle: (round) => `Minutes of round ${round}`,
  agreedMinutes: 'Agreed minutes',
  jointText: 'Signed text',
  meetingOf: (date) => `Meeting of ${date}`,
  decision: 'Decision',
  translation: (language) => `Translation (${language}), not authoritative`,
  signatures: 'Signatures',
  initials: 'Initials',
  signature: 'Signature',
  signedBy: (member) => `by ${member}`,
  received: (time) => `received ${time}`,
  item: (id) => `item ${id}`,
  version: (number, id) => `Version ${number} — ${id}`,
  hash: 'The version’s id is the SHA-256 hash of its signed entry in the record.',
  verifyOffline: 'Verify offline:',
  verifyNote: 'The proof attached to this file (fusion-cell-proof.json) holds the signed entries, their inclusion proofs and the signed checkpoint.',
};

const AR: PdfLabels = {
  minutesTitle: (round) => `محضر الجولة ${round}`,
  agreedMinutes: 'محضر متفق عليه',
  jointText: 'نص موقّع',
  meetingOf: (date) => `اجتماع ${date}`,
  decision: 'قرار',
  translation: (language) => `ترجمة (${language})، غير معتمدة`,
  signatures: 'التوقيعات',
  initials: 'الأحرف الأولى',
  signature: 'التوقيع',
  signedBy: (member) => `من ${member}`,
  received: (time) => `وردت في ${time}`,
  item: (id) => `البند ${id}`,
  version: (number, id) => `النسخة ${number} — ${id}`,
  hash: 'معرّف النسخة هو بصمة SHA-256 لقيدها الموقّع في السجل.',
  verifyOffline: 'للتحقق دون اتصال:',
  verifyNote: 'يتضمن الإثبات المرفق بهذا الملف (fusion-cell-proof.json) القيود الموقّعة وإثباتات إدراجها ونقطة التحقق الموقّعة.',
};

const HE: PdfLabels = {
  minutesTitle: (round) => `פרוטוקול סבב ${round}`,
  agreedMinutes: 'פרוטוקול מוסכם',
  jointText: 'טקסט חתום',
  meetingOf: (date) => `פגישה מיום ${date}`,
  decision: 'החלטה',
  translation: (language) => `תרגום (${language}), לא מחייב`,
  signatures: 'חתימות',
  initials: 'ראשי תיבות',
  signature: 'חתימה',
  signedBy: (member) => `על ידי ${member}`,
  received: (time) => `התקבל ${time}`,
  item: (id) => `פריט ${id}`,
  version: (number, id) => `גרסה ${number} — ${id}`,
  hash: 'מזהה הגרסה הוא גיבוב SHA-256 של הרשומה החתומה שלה ברשומה.',
  verifyOffline: 'אימות ללא חיבור:',
  verifyNote: 'ההוכחה המצורפת לקובץ זה (fusion-cell-proof.json) מכילה את הרשומות החתומות, הוכחות ההכללה שלהן ונקודת הביקורת החתומה.',
};

const LABELS: Record<Language, PdfLabels> = { en: EN, ar: AR, he: HE };

export function labelsFor(language: Language): PdfLabels {
  return LABELS[language];
}

/** The language's name in itself, for marking a translation. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ar: 'العربية', he: 'עברית' };
