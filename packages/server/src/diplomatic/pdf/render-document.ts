import { JointTextPayload, Language, MeetingPayload, MinutesPayload, RTL_LANGUAGES, type DocumentSignPayload } from '@fusion-cell/protocol';
import { base64Encode, parseCheckpoint, parseSignedNote } from '@fusion-cell/record';
import type { FontName } from './fonts.ts';
import { DOCUMENT_PROOF_FILE, type DocumentProof } from './document-proof.ts';
import type { DocumentSource } from './document-source.ts';
import { labelsFor, LANGUAGE_NAMES, type PdfLabels } from './labels.ts';
import { isolatedLtr as ltr } from './paragraph-layout.ts';
import { PdfCanvas, type ParagraphStyle } from './pdf-canvas.ts';

const DECISION_COLOR = '#0b4f8a';
const MUTED = '#555555';

/** How a text in one language is set: its direction and the font its neutral characters take. */
function styleOf(language: Language): ParagraphStyle {
  const primaryFont: FontName = language === 'ar' ? 'arabic' : language === 'he' ? 'hebrew' : 'latin';
  return { direction: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr', primaryFont };
}

function languageOf(payload: Record<string, unknown>): Language {
  const parsed = Language.safeParse(payload.language);
  return parsed.success ? parsed.data : 'en';
}

/** A time as the record holds it (UTC), to the minute, the same in every language. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A meeting's start in the venue's time zone, in the document's language with Latin digits. */
function meetingTime(meeting: MeetingPayload, language: Language): string {
  const format = new Intl.DateTimeFormat(`${language}-u-nu-latn`, { dateStyle: 'long', timeStyle: 'short', timeZone: meeting.timeZone });
  return `${format.format(new Date(meeting.startsAt))} (${meeting.timeZone})`;
}

/** Paragraphs of a text as its author broke them. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

function writeMinutes(canvas: PdfCanvas, minutes: MinutesPayload, meeting: MeetingPayload | undefined, labels: PdfLabels, style: ParagraphStyle): void {
  canvas.paragraph(labels.agreedMinutes, { ...style, size: 10, color: MUTED });
  const title = meeting ? `${labels.minutesTitle(ltr(meeting.round))} — ${meeting.title}` : labels.agreedMinutes;
  canvas.paragraph(title, { ...style, size: 18, weight: 'bold' });
  if (meeting) {
    const where = meeting.venue ? ` — ${meeting.venue}` : '';
    canvas.paragraph(`${labels.meetingOf(meetingTime(meeting, minutes.language))}${where}`, { ...style, size: 10, color: MUTED, spaceAfter: 14 });
  }
  const agenda = new Map((meeting?.agenda ?? []).map((item) => [item.id, item.title]));
  for (const section of minutes.sections) {
    canvas.paragraph(agenda.get(section.agendaItem) ?? section.agendaItem, { ...style, size: 13, weight: 'bold', spaceAfter: 4 });
    for (const paragraph of paragraphs(section.text)) canvas.paragraph(paragraph, style);
    for (const decision of section.decisions ?? []) {
      canvas.paragraph(`• ${labels.decision} ${ltr(decision.id)}: ${decision.text}`, { ...style, weight: 'bold', color: DECISION_COLOR, indent: 12 });
    }
    canvas.space(6);
  }
}

function writeJointText(canvas: PdfCanvas, text: JointTextPayload, labels: PdfLabels, style: ParagraphStyle): void {
  canvas.paragraph(labels.jointText, { ...style, size: 10, color: MUTED });
  canvas.paragraph(text.title, { ...style, size: 18, weight: 'bold', spaceAfter: 14 });
  for (const section of text.sections) {
    if (section.heading) canvas.paragraph(section.heading, { ...style, size: 13, weight: 'bold', spaceAfter: 4 });
    for (const passage of section.passages) {
      if (passage.text !== undefined) for (const paragraph of paragraphs(passage.text)) canvas.paragraph(paragraph, style);
      // A signed version has one wording per passage; options would only show a text not yet agreed.
      for (const option of passage.options ?? []) canvas.paragraph(`[${ltr(option.id)}] ${option.text}`, { ...style, indent: 12 });
    }
    canvas.space(6);
  }
  for (const translation of text.translations ?? []) {
    const own = styleOf(translation.language);
    canvas.rule();
    canvas.paragraph(labelsFor(translation.language).translation(LANGUAGE_NAMES[translation.language]), { ...own, size: 10, color: MUTED });
    canvas.paragraph(translation.title, { ...own, size: 15, weight: 'bold' });
    for (const entry of translation.passages) canvas.paragraph(entry.text, own);
  }
}

function writeSignatures(canvas: PdfCanvas, source: DocumentSource, labels: PdfLabels, style: ParagraphStyle): void {
  canvas.rule();
  canvas.paragraph(labels.signatures, { ...style, size: 13, weight: 'bold' });
  for (const signing of source.signings) {
    const payload = signing.signed.envelope.payload as DocumentSignPayload;
    const act = signing.act === 'initials' ? labels.initials : labels.signature;
    canvas.paragraph(`${signing.partyName} — ${act}`, { ...style, weight: 'bold', spaceAfter: 2 });
    canvas.paragraph(`${labels.signedBy(signing.memberName)} · ${labels.received(ltr(utcMinute(signing.receivedAt)))}`, { ...style, size: 9, spaceAfter: 2 });
    canvas.paragraph(labels.item(ltr(signing.itemId)), { ...style, size: 8, color: MUTED, spaceAfter: payload.statement ? 2 : 8 });
    if (payload.statement) canvas.paragraph(payload.statement, { ...styleOf(payload.language ?? 'en'), size: 9, spaceAfter: 8 });
  }
}

function writeVerification(canvas: PdfCanvas, source: DocumentSource, proof: DocumentProof, fileName: string, labels: PdfLabels, style: ParagraphStyle): void {
  const checkpoint = parseCheckpoint(parseSignedNote(proof.checkpoint).text);
  const root = base64Encode(checkpoint.rootHash);
  canvas.rule();
  canvas.paragraph(labels.version(ltr(source.version.number), ltr(source.version.itemId)), { ...style, weight: 'bold', size: 10, spaceAfter: 2 });
  canvas.paragraph(labels.hash, { ...style, size: 8, color: MUTED });
  canvas.paragraph(labels.verifyOffline, { ...style, size: 9, weight: 'bold', spaceAfter: 2 });
  // The command is typed as it stands: always left to right.
  canvas.paragraph(`fusion-cell verify ${fileName} — version ${source.version.itemId}, log ${proof.compartment} checkpoint ${checkpoint.size} ${root}`, { size: 8, spaceAfter: 4 });
  canvas.paragraph(labels.verifyNote, { ...style, size: 8, color: MUTED });
}

/** The file name a PDF is offered under: the type, the version's number and the start of its id. */
export function pdfFileName(source: DocumentSource): string {
  return `${source.document.type.replace('.', '-')}-v${source.version.number}-${source.version.itemId.slice(0, 10)}.pdf`;
}

/** The PDF of a version in force: its text, every act on it, its id and the proof attached. */
export async function renderDocumentPdf(source: DocumentSource, proof: DocumentProof): Promise<Buffer> {
  const language = languageOf(source.version.payload);
  const labels = labelsFor(language);
  const style = styleOf(language);
  const fileName = pdfFileName(source);
  const title = typeof source.version.payload.title === 'string' ? source.version.payload.title : labels.agreedMinutes;
  // The version id is in the document's info too: `verify` compares it with the attached proof.
  const canvas = new PdfCanvas({ title, subject: source.version.itemId, keywords: `fusion-cell ${source.document.type} version ${source.version.number}` });
  if (source.document.type === 'minutes') {
    const meeting = MeetingPayload.safeParse(source.meeting);
    writeMinutes(canvas, MinutesPayload.parse(source.version.payload), meeting.success ? meeting.data : undefined, labels, style);
  } else {
    writeJointText(canvas, JointTextPayload.parse(source.version.payload), labels, style);
  }
  writeSignatures(canvas, source, labels, style);
  writeVerification(canvas, source, proof, fileName, labels, style);
  canvas.attach(DOCUMENT_PROOF_FILE, Buffer.from(`${JSON.stringify(proof, null, 2)}\n`), 'Signed entries, inclusion proofs and checkpoint: fusion-cell verify checks them offline', new Date(source.version.receivedAt));
  return canvas.finish();
}
