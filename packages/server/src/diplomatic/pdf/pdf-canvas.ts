import PDFDocument from 'pdfkit';
import { fontId, fontSet, type FontName, type Weight } from './fonts.ts';
import { layoutParagraph, type Direction } from './paragraph-layout.ts';

const MARGIN = 56;
const PAGE = 'A4';

export interface ParagraphStyle {
  size?: number;
  weight?: Weight;
  direction?: Direction;
  /** The font of characters no script decides: the language's own. */
  primaryFont?: FontName;
  color?: string;
  indent?: number;
  spaceAfter?: number;
}

/**
 * A PDF written top to bottom: paragraphs laid out by the bidi-aware layout (pdfkit draws
 * glyphs left to right only), right-aligned when right-to-left, on as many A4 pages as needed.
 */
export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  private y = MARGIN;
  /** Shaping is the costly part of layout: each word is measured once. */
  private readonly widths = new Map<string, number>();

  constructor(info: { title: string; subject: string; keywords: string }) {
    // Document info and the attachment carry the proof; content streams are compressed as usual.
    this.doc = new PDFDocument({ size: PAGE, margin: MARGIN, info: { Title: info.title, Subject: info.subject, Keywords: info.keywords, Creator: 'Fusion Cell' } });
    for (const [name, file] of fontSet().files) this.doc.registerFont(name, file);
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  private ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
  }

  space(points: number): void {
    this.y += points;
  }

  /** A thin rule across the text width, as between the text and its signatures. */
  rule(): void {
    this.ensure(12);
    this.doc
      .save()
      .moveTo(MARGIN, this.y + 4)
      .lineTo(MARGIN + this.width, this.y + 4)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke()
      .restore();
    this.y += 12;
  }

  paragraph(text: string, style: ParagraphStyle = {}): void {
    const size = style.size ?? 11;
    const weight = style.weight ?? 'regular';
    const direction = style.direction ?? 'ltr';
    const indent = style.indent ?? 0;
    const fonts = fontSet();
    const measure = (font: FontName, run: string) => {
      const key = `${fontId(font, weight)} ${size} ${run}`;
      let width = this.widths.get(key);
      if (width === undefined) {
        width = this.doc.font(fontId(font, weight)).fontSize(size).widthOfString(run, { features: [] });
        this.widths.set(key, width);
      }
      return width;
    };
    const layout = layoutParagraph(text, {
      direction,
      maxWidth: this.width - indent,
      primaryFont: style.primaryFont ?? (direction === 'rtl' ? 'arabic' : 'latin'),
      covers: fonts.covers,
      measure,
    });
    // Naskh needs more room between lines than Latin for its marks and descenders.
    const lineHeight = size * (direction === 'rtl' ? 1.7 : 1.4);
    this.doc.fillColor(style.color ?? '#111111');
    for (const line of layout.lines) {
      this.ensure(lineHeight);
      const baseline = this.y + size;
      let x = direction === 'rtl' ? MARGIN + this.width - indent - line.width : MARGIN + indent;
      for (const run of line.runs) {
        this.doc.font(fontId(run.font, weight)).fontSize(size).text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [] });
        x += run.width;
      }
      this.y += lineHeight;
    }
    this.y += style.spaceAfter ?? size * 0.5;
  }

  /** A file attached to the PDF (an embedded file in its name tree). */
  attach(name: string, content: Buffer, description: string, at: Date): void {
    this.doc.file(content, { name, type: 'application/json', description, creationDate: at, modifiedDate: at, relationship: 'Supplement' } as PDFKit.Mixins.PDFAttachmentOptions);
  }

  /** The finished PDF. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
