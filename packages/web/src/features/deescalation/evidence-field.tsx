import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MEDIA_TYPES, MAX_ATTACHMENT_BYTES, type Evidence } from '@fusion-cell/protocol';
import { ApiError } from '../../api/api-error.ts';
import { uploadEvidence } from '../../api/attachments.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useFormatters } from '../../i18n/format.ts';
import { formatFileSize } from './incident-content.tsx';

/** One file chosen as evidence: on its way, uploaded (named by its hash), or refused. */
export type EvidenceUpload =
  | { key: number; name: string; size: number; state: 'uploading' }
  | { key: number; name: string; size: number; state: 'done'; evidence: Evidence }
  | { key: number; name: string; size: number; state: 'failed'; error: unknown };

export interface EvidenceUploads {
  uploads: readonly EvidenceUpload[];
  add(files: readonly File[]): void;
  remove(key: number): void;
  retry(key: number): void;
  clear(): void;
  /** What the payload names: the files uploaded. */
  evidence: Evidence[];
  /** Files still on their way or refused: the item waits until they are dealt with. */
  pending: boolean;
  failed: boolean;
}

let nextKey = 1;

/**
 * Uploads files as they are chosen, each on its own: hashed here, sent, and then named in the
 * payload by that hash. A file that fails says why and may be tried again or removed.
 */
export function useEvidenceUploads(): EvidenceUploads {
  const [uploads, setUploads] = useState<EvidenceUpload[]>([]);
  const [files] = useState(() => new Map<number, File>());
  const start = useCallback(
    (key: number, file: File) => {
      files.set(key, file);
      const settle = (next: EvidenceUpload) => setUploads((current) => current.map((upload) => (upload.key === key ? next : upload)));
      uploadEvidence(file).then(
        (evidence) => settle({ key, name: file.name, size: file.size, state: 'done', evidence }),
        (error: unknown) => settle({ key, name: file.name, size: file.size, state: 'failed', error }),
      );
    },
    [files],
  );
  const add = useCallback(
    (chosen: readonly File[]) => {
      const added = chosen.map((file) => ({ file, upload: { key: nextKey++, name: file.name, size: file.size, state: 'uploading' as const } }));
      setUploads((current) => [...current, ...added.map(({ upload }) => upload)]);
      for (const { file, upload } of added) start(upload.key, file);
    },
    [start],
  );
  const remove = useCallback(
    (key: number) => {
      files.delete(key);
      setUploads((current) => current.filter((upload) => upload.key !== key));
    },
    [files],
  );
  const retry = useCallback(
    (key: number) => {
      const file = files.get(key);
      if (!file) return;
      setUploads((current) => current.map((upload) => (upload.key === key ? { key, name: file.name, size: file.size, state: 'uploading' } : upload)));
      start(key, file);
    },
    [files, start],
  );
  const clear = useCallback(() => {
    files.clear();
    setUploads([]);
  }, [files]);
  // The same file chosen twice is named once.
  const evidence = [...new Map(uploads.flatMap((upload) => (upload.state === 'done' ? [[upload.evidence.sha256, upload.evidence] as const] : []))).values()];
  return {
    uploads,
    add,
    remove,
    retry,
    clear,
    evidence,
    pending: uploads.some((upload) => upload.state === 'uploading'),
    failed: uploads.some((upload) => upload.state === 'failed'),
  };
}

/** Why a file was not uploaded: the cell's refusal by its code, or what this browser refused before sending. */
function UploadFailure({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (error instanceof ApiError) return <ErrorMessage error={error} testId={testId} />;
  return (
    <div className="message message-error" role="alert" data-testid={testId}>
      <p className="message-title">{t('deescalation.evidence.refused', { max: formatFileSize(MAX_ATTACHMENT_BYTES, format.language) })}</p>
      {error instanceof Error && (
        <details className="message-detail">
          <summary>{t('errors.details')}</summary>
          <p dir="ltr" lang="en">
            {error.message}
          </p>
        </details>
      )}
    </div>
  );
}

/** Files attached to an item as evidence, each with where its upload stands. */
export function EvidenceField({ uploads, label, testId, missing }: { uploads: EvidenceUploads; label: string; testId: string; missing?: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  return (
    <div className="field field-wide deesc-evidence-field" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('deescalation.evidence.hint', { max: formatFileSize(MAX_ATTACHMENT_BYTES, format.language) })}
      </p>
      <input
        id={id}
        type="file"
        multiple
        accept={[...ATTACHMENT_MEDIA_TYPES, '.geojson'].join(',')}
        aria-describedby={`${id}-hint`}
        data-testid={`${testId}-input`}
        onChange={(event) => {
          uploads.add([...(event.target.files ?? [])]);
          // The same file may be chosen again after it was removed.
          event.target.value = '';
        }}
      />
      {uploads.uploads.length > 0 && (
        <ul className="deesc-uploads" aria-live="polite">
          {uploads.uploads.map((upload) => (
            <li key={upload.key} className={`deesc-upload deesc-upload-${upload.state}`} data-testid={`${testId}-file`} data-state={upload.state}>
              <span className="deesc-upload-name">
                <bdi>{upload.name}</bdi> <span className="hint">{formatFileSize(upload.size, format.language)}</span>
              </span>
              <span className="deesc-upload-state">
                {upload.state === 'uploading' && <progress aria-label={t('deescalation.evidence.uploading')} />}
                {t(`deescalation.evidence.states.${upload.state}`)}
              </span>
              {upload.state === 'failed' && (
                <button type="button" className="button button-small" data-testid={`${testId}-retry`} onClick={() => uploads.retry(upload.key)}>
                  {t('deescalation.evidence.retry')}
                </button>
              )}
              <button type="button" className="button button-small button-link" data-testid={`${testId}-remove`} onClick={() => uploads.remove(upload.key)}>
                {t('deescalation.forms.removeRow')}
              </button>
              {upload.state === 'failed' && <UploadFailure error={upload.error} testId={`${testId}-error`} />}
            </li>
          ))}
        </ul>
      )}
      {missing !== undefined && (
        <p className="message message-error" role="alert" data-testid={`${testId}-missing`}>
          {missing}
        </p>
      )}
    </div>
  );
}
