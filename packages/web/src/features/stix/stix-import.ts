import { useCallback, useRef, useState } from 'react';
import {
  planStixImportFromText,
  StixImportSummaryView,
  type CompartmentKind,
  type PlannedReport,
  type StixImportSummary,
  type StixProblem,
  type Tlp,
} from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { apiRequest } from '../../api/client.ts';
import { useCoordinationStore } from '../../coordination/coordination-context.ts';
import { useDevice } from '../../device/device-context.ts';
import { useRecordSyncInstance } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { signAndSubmit, type SubmitOutcome } from '../forms/sign-and-submit.ts';

export const STIX_VALIDATE_PATH = '/api/v1/stix/validate';

/** Where an import stands, from the chosen file to the last report entered. */
export type StixImportState =
  | { phase: 'idle' }
  | { phase: 'checking'; file: string }
  /** The bundle breaks a rule: the object and property at fault, found here before anything is sent. */
  | { phase: 'refused'; file: string; problems: StixProblem[] }
  /** The server would not check it: a session, a right, a limit. */
  | { phase: 'error'; file: string; error: ApiError }
  | { phase: 'checked'; file: string; summary: StixImportSummary; reports: PlannedReport[] }
  | { phase: 'importing'; file: string; summary: StixImportSummary; done: number; total: number }
  | { phase: 'imported'; file: string; summary: StixImportSummary; ids: string[] }
  /** Stopped at report `failedAt` (from 0): those before it are in the record, none after. */
  | { phase: 'stopped'; file: string; summary: StixImportSummary; ids: string[]; failedAt: number; total: number; outcome: Exclude<SubmitOutcome, { ok: true }> };

export interface StixImportTarget {
  compartment: string;
  compartmentKind: CompartmentKind;
  unmarkedTlp: Tlp | undefined;
}

/**
 * Checks a bundle and imports its reports. The bundle is read and mapped here, by the protocol's
 * own code, and checked by the server with the same code, so both say the same; then each report
 * is signed by this device and entered, one after the other, with the count for a progress bar.
 * Nothing is signed while the bundle is refused.
 */
export function useStixImport() {
  const { session, cell } = useAuthenticated();
  const device = useDevice();
  const sync = useRecordSyncInstance();
  const coordination = useCoordinationStore();
  const [state, setState] = useState<StixImportState>({ phase: 'idle' });
  const attempt = useRef(0);

  const check = useCallback(async (file: File, target: StixImportTarget) => {
    const mine = ++attempt.current;
    setState({ phase: 'checking', file: file.name });
    const text = await file.text();
    const plan = planStixImportFromText(text, { unmarkedTlp: target.unmarkedTlp, compartmentKind: target.compartmentKind });
    if (mine !== attempt.current) return;
    if (!plan.ok) {
      setState({ phase: 'refused', file: file.name, problems: plan.problems });
      return;
    }
    try {
      const body = { compartment: target.compartment, bundle: JSON.parse(text) as unknown, ...(target.unmarkedTlp ? { unmarkedTlp: target.unmarkedTlp } : {}) };
      const summary = await apiRequest('POST', STIX_VALIDATE_PATH, StixImportSummaryView, { body });
      if (mine !== attempt.current) return;
      setState({ phase: 'checked', file: file.name, summary, reports: plan.reports });
    } catch (failure) {
      if (mine === attempt.current) setState({ phase: 'error', file: file.name, error: toApiError(failure) });
    }
  }, []);

  const importReports = useCallback(
    async (compartment: string) => {
      if (state.phase !== 'checked') return;
      const mine = ++attempt.current;
      const { file, summary, reports } = state;
      const ids: string[] = [];
      setState({ phase: 'importing', file, summary, done: 0, total: reports.length });
      for (const [index, report] of reports.entries()) {
        const outcome = await signAndSubmit({ cellId: cell.id, memberId: session.member.id }, device, {
          compartment,
          track: 'intelligence',
          type: 'intel.report',
          payload: report.payload as unknown as JsonObject,
        });
        if (!outcome.ok) {
          setState({ phase: 'stopped', file, summary, ids, failedAt: index, total: reports.length, outcome });
          break;
        }
        ids.push(outcome.id);
        if (mine === attempt.current) setState({ phase: 'importing', file, summary, done: index + 1, total: reports.length });
      }
      if (ids.length === reports.length) setState({ phase: 'imported', file, summary, ids });
      sync.refreshIfPolling();
      coordination.refreshAll();
    },
    [state, cell.id, session.member.id, device, sync, coordination],
  );

  const reset = useCallback(() => {
    attempt.current += 1;
    setState({ phase: 'idle' });
  }, []);

  return { state, check, importReports, reset };
}
