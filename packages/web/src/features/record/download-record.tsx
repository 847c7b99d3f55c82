import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { apiDownload } from '../../api/client.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { ExportVerification } from './verify-export.ts';

type DownloadState =
  | { phase: 'idle' }
  | { phase: 'working' }
  | { phase: 'done'; filename: string; verification: ExportVerification }
  | { phase: 'error'; error: ApiError };

/** Hands the file to the browser's downloads, from memory: nothing is fetched twice. */
function saveFile(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads the party's whole record and verifies it here before saying anything about it.
 * The file is saved whatever the verdict: a record that does not verify is evidence too.
 */
export function DownloadRecord() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { sync, snapshot } = useRecordSync();
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const pinned = snapshot.logKey.pinned?.verifierKey ?? null;

  const download = async () => {
    setState({ phase: 'working' });
    try {
      const file = await apiDownload('/api/v1/export');
      // The full offline checklist is loaded only when a record is downloaded.
      const { verifyExport } = await import('./verify-export.ts');
      const verification = await verifyExport(file.text, sync.verifiedCheckpoints(), pinned);
      const filename = file.filename ?? 'fusion-cell-record.json';
      saveFile(file.text, filename);
      setState({ phase: 'done', filename, verification });
    } catch (failure) {
      setState({ phase: 'error', error: toApiError(failure) });
    }
  };

  return (
    <section className="record-section" aria-labelledby="download-heading">
      <h2 id="download-heading">{t('record.download.heading')}</h2>
      <p className="hint">{t('record.download.hint')}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" data-testid="download-record" disabled={state.phase === 'working'} onClick={() => void download()}>
          {state.phase === 'working' ? t('record.download.working') : t('record.download.button')}
        </button>
      </div>
      {state.phase === 'error' && <ErrorMessage error={state.error} testId="download-error" />}
      {state.phase === 'done' && <DownloadResult filename={state.filename} verification={state.verification} format={format} />}
    </section>
  );
}

function DownloadResult({ filename, verification, format }: { filename: string; verification: ExportVerification; format: ReturnType<typeof useFormatters> }) {
  const { t } = useTranslation();
  const { report, comparedCheckpoints } = verification;
  const counts = {
    entries: format.number(report.checked.entries),
    checkpoints: format.number(report.checked.checkpoints),
    cosignatures: format.number(report.checked.cosignatures),
    devices: format.number(report.checked.devices),
  };
  return (
    <div
      className={`message ${report.ok ? 'message-success' : 'message-error'} download-result`}
      role={report.ok ? 'status' : 'alert'}
      data-testid="download-result"
      data-ok={report.ok}
      data-entries={report.checked.entries}
      data-failures={report.failures.length}
    >
      <p className="message-title">
        {report.ok ? t('record.download.verified') : t('record.download.failed', { count: format.number(report.failures.length) })}
      </p>
      <p>{t('record.download.checked', counts)}</p>
      <p>{t('record.download.compared', { count: format.number(comparedCheckpoints) })}</p>
      <p>
        {t('record.download.saved')} <bdi className="mono" data-testid="download-filename">{filename}</bdi>
      </p>
      {report.failures.length > 0 && (
        <ul className="download-failures" data-testid="download-failures">
          {report.failures.map((failure, position) => (
            <li key={position} data-code={failure.code} data-rule={failure.rule} dir="ltr" lang="en">
              <code>
                [{failure.rule}] {failure.code}
                {failure.compartment !== undefined ? ` (${failure.compartment}${failure.index !== undefined ? ` #${failure.index}` : ''})` : ''}
              </code>
              : {failure.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
