import { useCallback, useState } from 'react';
import type { Language, MessagePayload, Track } from '@fusion-cell/protocol';
import { EnvelopeError, itemId, signEnvelope } from '@fusion-cell/record';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import { useDevice } from '../../device/device-context.ts';
import { useRecordSyncInstance } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';

/** The longest message text the cell accepts (the `message` payload schema). */
export const MAX_MESSAGE_LENGTH = 20_000;

/** Problems found here, before anything is signed or sent. */
export type LocalSendProblem = 'empty' | 'too_long' | 'signing' | 'receipt_mismatch';

export type SendState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  /** In the log at `index`; whether it verifies is for the record sync to say. */
  | { phase: 'appended'; id: string; compartment: string; index: number }
  | { phase: 'error'; error: ApiError }
  | { phase: 'invalid'; problem: LocalSendProblem };

export interface MessageDraft {
  compartment: string;
  track: Track;
  text: string;
  language: Language;
  ackRequested: boolean;
}

/**
 * Signs a message in this browser with the device key and sends it. The server only ever
 * sees the signed envelope; the receipt's id must be the hash of exactly what was signed.
 */
export function useSendMessage(): { state: SendState; send(draft: MessageDraft): Promise<boolean>; reset(): void } {
  const { session, cell } = useAuthenticated();
  const device = useDevice();
  const sync = useRecordSyncInstance();
  const [state, setState] = useState<SendState>({ phase: 'idle' });

  const send = useCallback(
    async (draft: MessageDraft): Promise<boolean> => {
      const text = draft.text.trim();
      if (text === '') {
        setState({ phase: 'invalid', problem: 'empty' });
        return false;
      }
      if (text.length > MAX_MESSAGE_LENGTH) {
        setState({ phase: 'invalid', problem: 'too_long' });
        return false;
      }
      if (device.state.status !== 'approved') {
        setState({ phase: 'invalid', problem: 'signing' });
        return false;
      }
      setState({ phase: 'sending' });
      const payload: MessagePayload = { text, language: draft.language, ...(draft.ackRequested ? { ackRequested: true } : {}) };
      let signed: Awaited<ReturnType<typeof signEnvelope>>;
      try {
        signed = await signEnvelope(
          {
            cell: cell.id,
            compartment: draft.compartment,
            type: 'message',
            track: draft.track,
            payload,
            references: [],
            author: session.member.id,
            device: device.state.device.id,
            authoredAt: new Date().toISOString(),
          },
          async (bytes) => (await device.sign(bytes)).signature,
        );
      } catch (failure) {
        // Everything in the envelope but the text comes from the app itself, so an envelope
        // the record refuses is a text over the payload's byte limit (R2), not a key problem.
        setState({ phase: 'invalid', problem: failure instanceof EnvelopeError ? 'too_long' : 'signing' });
        return false;
      }
      try {
        const receipt = await api.submitItem(signed);
        if (receipt.id !== itemId(signed) || receipt.compartment !== draft.compartment) {
          setState({ phase: 'invalid', problem: 'receipt_mismatch' });
          return false;
        }
        setState({ phase: 'appended', id: receipt.id, compartment: receipt.compartment, index: receipt.index });
      } catch (failure) {
        setState({ phase: 'error', error: toApiError(failure) });
        return false;
      }
      // The new entry, and the checkpoint that covers it, arrive with the next rounds.
      void sync.refresh();
      return true;
    },
    [cell.id, session.member.id, device, sync],
  );

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, send, reset };
}
