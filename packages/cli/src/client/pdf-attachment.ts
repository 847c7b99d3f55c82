import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';

export interface PdfAttachments {
  /** Embedded files by name, decoded (a Flate stream inflated). */
  files: Map<string, Uint8Array>;
  /** The document information's Subject, where a Fusion Cell PDF names its version. */
  subject: string | undefined;
}

/** Walks a PDF name tree (ISO 32000 7.9.6): leaves hold [name, value] pairs, inner nodes kids. */
function walkNameTree(node: PDFDict, visit: (name: string, value: PDFDict) => void, depth = 0): void {
  if (depth > 32) return; // a cycle or absurd nesting: nothing honest is that deep
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let index = 0; names && index + 1 < names.size(); index += 2) {
    const key = names.lookup(index);
    const value = names.lookup(index + 1);
    if ((key instanceof PDFString || key instanceof PDFHexString) && value instanceof PDFDict) visit(key.decodeText(), value);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let index = 0; kids && index < kids.size(); index++) {
    const kid = kids.lookup(index);
    if (kid instanceof PDFDict) walkNameTree(kid, visit, depth + 1);
  }
}

/**
 * The files embedded in a PDF, read without changing or trusting anything: the catalog's
 * EmbeddedFiles name tree, each file specification's embedded stream.
 */
export async function readPdfAttachments(bytes: Uint8Array): Promise<PdfAttachments> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  const files = new Map<string, Uint8Array>();
  const tree = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) {
    walkNameTree(tree, (name, spec) => {
      const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
      if (stream instanceof PDFRawStream && !files.has(name)) files.set(name, decodePDFRawStream(stream).decode());
    });
  }
  return { files, subject: pdf.getSubject() };
}
