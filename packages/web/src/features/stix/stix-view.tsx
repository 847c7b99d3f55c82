import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { INTELLIGENCE_ROLES, TLP_LEVELS, tlpAllowedIn, type CompartmentKind, type Tlp } from '@fusion-cell/protocol';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useCompartmentName } from '../../components/use-names.ts';
import { useDevice } from '../../device/device-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { itemInThread, type TrackViewProps } from '../tracks/track-views.ts';
import { StixRefusal, StixSummary } from './stix-summary.tsx';
import { useStixImport } from './stix-import.ts';
import './stix.css';

const EXPORT_PATH = '/api/v1/stix/export';
const ALL = '';

/**
 * Reports in and out as STIX 2.1: download the reports of a compartment (or of every one the
 * member reads) as a bundle; check a bundle from elsewhere, see what it would enter, keep and
 * skip, and import its reports, each signed by this device, with a progress bar.
 */
export function StixView(_props: TrackViewProps) {
  const { t } = useTranslation();
  return (
    <div className="stix-view" data-testid="stix-view">
      <p className="page-lead">{t('stix.lead')}</p>
      <StixExport />
      <StixImport />
    </div>
  );
}

function StixExport() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const compartmentName = useCompartmentName();
  const selectId = useId();
  const [search] = useSearchParams();
  const [compartment, setCompartment] = useState(search.get('compartment') ?? ALL);
  const href = compartment === ALL ? EXPORT_PATH : `${EXPORT_PATH}?${new URLSearchParams({ compartment }).toString()}`;
  return (
    <section className="stix-section" aria-labelledby={`${selectId}-heading`} data-testid="stix-export">
      <h2 id={`${selectId}-heading`}>{t('stix.export.heading')}</h2>
      <div className="stix-row">
        <label htmlFor={selectId}>{t('stix.export.compartment')}</label>
        <select id={selectId} value={compartment} onChange={(event) => setCompartment(event.target.value)} data-testid="stix-export-compartment">
          <option value={ALL}>{t('stix.export.all')}</option>
          {session.compartments.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {compartmentName(entry)}
            </option>
          ))}
        </select>
        <a className="button" href={href} download={`fusion-cell-stix-${compartment || 'all'}.json`} data-testid="stix-export-download">
          {t('stix.export.download')}
        </a>
      </div>
      <p className="hint">{t('stix.export.hint')}</p>
      <p className="hint" data-testid="stix-export-red">
        {t('stix.export.red')}
      </p>
    </section>
  );
}

function StixImport() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const device = useDevice();
  const compartmentName = useCompartmentName();
  const formId = useId();
  const [search] = useSearchParams();
  const writable = session.compartments;
  const [compartment, setCompartment] = useState(writable.find((entry) => entry.id === search.get('compartment'))?.id ?? writable[0]?.id ?? '');
  const [unmarked, setUnmarked] = useState<Tlp | ''>('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const { state, check, importReports, reset } = useStixImport();
  const kind: CompartmentKind = writable.find((entry) => entry.id === compartment)?.kind ?? 'plenary';
  const mayImport = session.member.roles.some((role) => INTELLIGENCE_ROLES.includes(role));

  if (!mayImport) {
    return (
      <section className="stix-section" data-testid="stix-import">
        <h2>{t('stix.import.heading')}</h2>
        <p className="hint" data-testid="stix-import-not-allowed">
          {t('stix.import.notAllowed')}
        </p>
      </section>
    );
  }
  const recheck = (next: { file?: File | undefined; compartment?: string; unmarked?: Tlp | '' }) => {
    const chosen = 'file' in next ? next.file : file;
    const target = next.compartment ?? compartment;
    const level = next.unmarked ?? unmarked;
    if (!chosen) return reset();
    void check(chosen, { compartment: target, compartmentKind: writable.find((entry) => entry.id === target)?.kind ?? 'plenary', unmarkedTlp: level || undefined });
  };
  const busy = state.phase === 'checking' || state.phase === 'importing';
  const signing = device.state.status === 'approved';

  return (
    <section className="stix-section" aria-labelledby={`${formId}-heading`} data-testid="stix-import" data-phase={state.phase}>
      <h2 id={`${formId}-heading`}>{t('stix.import.heading')}</h2>
      <p className="hint">{t('stix.import.lead')}</p>
      <div className="stix-import-fields">
        <label htmlFor={`${formId}-compartment`}>{t('stix.import.compartment')}</label>
        <select
          id={`${formId}-compartment`}
          value={compartment}
          disabled={busy}
          onChange={(event) => {
            setCompartment(event.target.value);
            recheck({ compartment: event.target.value });
          }}
          data-testid="stix-import-compartment"
        >
          {writable.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {compartmentName(entry)}
            </option>
          ))}
        </select>
        <label htmlFor={`${formId}-unmarked`}>{t('stix.import.unmarked')}</label>
        <select
          id={`${formId}-unmarked`}
          value={unmarked}
          disabled={busy}
          onChange={(event) => {
            const level = event.target.value as Tlp | '';
            setUnmarked(level);
            recheck({ unmarked: level });
          }}
          data-testid="stix-import-unmarked"
        >
          <option value="">{t('stix.import.unmarkedRefuse')}</option>
          {TLP_LEVELS.filter((level) => tlpAllowedIn(level, kind)).map((level) => (
            <option key={level} value={level}>{`TLP:${level}`}</option>
          ))}
        </select>
        <label htmlFor={`${formId}-file`}>{t('stix.import.file')}</label>
        <input
          id={`${formId}-file`}
          type="file"
          accept=".json,application/json,application/stix+json"
          disabled={busy}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            setFile(chosen);
            recheck({ file: chosen });
          }}
          data-testid="stix-import-file"
        />
      </div>
      {state.phase === 'checking' && (
        <p className="stix-progress" data-testid="stix-checking">
          <progress aria-label={t('stix.import.checking', { file: state.file })} />
          <span>{t('stix.import.checking', { file: state.file })}</span>
        </p>
      )}
      {state.phase === 'refused' && <StixRefusal problems={state.problems} />}
      {state.phase === 'error' && <ErrorMessage error={state.error} testId="stix-error" />}
      {(state.phase === 'checked' || state.phase === 'importing' || state.phase === 'imported' || state.phase === 'stopped') && <StixSummary summary={state.summary} />}
      {state.phase === 'checked' && state.reports.length > 0 && (
        <div className="stix-row">
          <button type="button" className="button button-primary" disabled={!signing} onClick={() => void importReports(compartment)} data-testid="stix-import-submit">
            {t('stix.import.submit', { count: state.reports.length, compartment: compartmentName(writable.find((entry) => entry.id === compartment) ?? compartment) })}
          </button>
          {!signing && <span className="hint">{t('stix.import.noDevice')}</span>}
        </div>
      )}
      {state.phase === 'importing' && (
        <p className="stix-progress" data-testid="stix-progress" data-done={state.done} data-total={state.total}>
          <progress max={state.total} value={state.done} aria-label={t('stix.import.progress', { done: state.done, total: state.total })} />
          <span>{t('stix.import.progress', { done: state.done, total: state.total })}</span>
        </p>
      )}
      {state.phase === 'imported' && (
        <div className="message message-success" role="status" data-testid="stix-imported" data-count={state.ids.length}>
          <p>{t('stix.import.done', { count: state.ids.length })}</p>
          <ul className="stix-imported-list">
            {state.ids.map((id) => (
              <li key={id}>
                <Link to={{ pathname: '/tracks/intelligence', ...itemInThread(compartment, id) }} data-testid="stix-imported-item" data-item-id={id}>
                  <code dir="ltr">{id.slice(0, 12)}…</code>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.phase === 'stopped' && (
        <div className="message message-error" role="alert" data-testid="stix-stopped">
          <p className="message-title">{t('stix.import.stopped', { index: state.failedAt + 1, total: state.total, done: state.ids.length })}</p>
          {'error' in state.outcome ? <ErrorMessage error={state.outcome.error} /> : <p>{t('stix.import.localProblem', { problem: state.outcome.problem })}</p>}
        </div>
      )}
    </section>
  );
}
