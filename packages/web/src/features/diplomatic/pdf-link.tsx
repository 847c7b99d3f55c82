/** Where the cell serves a document in force as PDF, named by its version 1 (the document's id). */
export function documentPdfPath(documentId: string): string {
  return `/api/v1/documents/${encodeURIComponent(documentId)}/pdf`;
}

/**
 * The PDF of agreed minutes or a signed text: the version in force with every signature and
 * the proof `fusion-cell verify` checks offline. The cell names the file; the browser saves it.
 */
export function DocumentPdfLink({ documentId, label, hint, testId }: { documentId: string; label: string; hint: string; testId: string }) {
  return (
    <p className="document-pdf">
      <a className="button button-small" href={documentPdfPath(documentId)} download data-testid={testId}>
        {label}
      </a>{' '}
      <span className="hint">{hint}</span>
    </p>
  );
}
