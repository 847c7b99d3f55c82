import { useCallback, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { useCoordinationStore } from '../../coordination/coordination-context.ts';
import { useDevice } from '../../device/device-context.ts';
import { useRecordSyncInstance } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { signAndSubmit, type ItemDraft, type LocalSubmitProblem, type SubmitOutcome } from './sign-and-submit.ts';

/** How long a conflict's explanation stays before the queue catches up with the record. */
const CONFLICT_SETTLE_MS = 3000;

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  /** In the log at `index`; whether it verifies is for the record sync to say. */
  | { phase: 'appended'; id: string; compartment: string; index: number }
  | { phase: 'error'; error: ApiError }
  | { phase: 'invalid'; problem: LocalSubmitProblem };

/**
 * Signs and enters items from a form, keeping the form's state: sending, entered (then
 * verified by the record sync), or why not. After an item is entered, or refused as a
 * conflict, the inbox is asked again at once, without waiting for the stream.
 */
export function useSubmitItem(): { state: SubmitState; submit(draft: ItemDraft): Promise<SubmitOutcome>; reset(): void } {
  const { session, cell } = useAuthenticated();
  const device = useDevice();
  const sync = useRecordSyncInstance();
  const coordination = useCoordinationStore();
  const [state, setState] = useState<SubmitState>({ phase: 'idle' });

  const submit = useCallback(
    async (draft: ItemDraft): Promise<SubmitOutcome> => {
      setState({ phase: 'sending' });
      const outcome = await signAndSubmit({ cellId: cell.id, memberId: session.member.id }, device, draft);
      if (outcome.ok) {
        setState({ phase: 'appended', id: outcome.id, compartment: outcome.compartment, index: outcome.index });
        sync.refreshIfPolling();
        coordination.refreshAll();
      } else if ('error' in outcome) {
        setState({ phase: 'error', error: outcome.error });
        // Refused as done already (or the channel changed): what this page shows is behind;
        // the record and the inbox are asked again rather than waiting for the stream. The
        // inbox a moment later, so the reason stays in sight before the item leaves the queue.
        if (outcome.error.code === 'conflict') {
          void sync.refresh();
          setTimeout(() => coordination.refreshAll(), CONFLICT_SETTLE_MS);
        }
      } else setState({ phase: 'invalid', problem: outcome.problem });
      return outcome;
    },
    [cell.id, session.member.id, device, sync, coordination],
  );

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, submit, reset };
}
