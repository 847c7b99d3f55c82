import { useCallback, useState } from 'react';
import type { Language, MessagePayload, Track } from '@fusion-cell/protocol';
import type { StatusState } from '../items/submit-status.tsx';
import { useSubmitItem } from '../items/use-submit-item.ts';

/** The longest message text the cell accepts (the `message` payload schema). */
export const MAX_MESSAGE_LENGTH = 20_000;

/** Problems found here, before anything is signed or sent. */
export type LocalSendProblem = 'empty' | 'too_long' | 'signing' | 'receipt_mismatch';

export type SendState = StatusState<LocalSendProblem>;

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
  const submission = useSubmitItem();
  const [problem, setProblem] = useState<LocalSendProblem | null>(null);

  const send = useCallback(
    async (draft: MessageDraft): Promise<boolean> => {
      const text = draft.text.trim();
      if (text === '' || text.length > MAX_MESSAGE_LENGTH) {
        setProblem(text === '' ? 'empty' : 'too_long');
        return false;
      }
      setProblem(null);
      const payload: MessagePayload = { text, language: draft.language, ...(draft.ackRequested ? { ackRequested: true } : {}) };
      const outcome = await submission.submit({ compartment: draft.compartment, track: draft.track, type: 'message', payload });
      return outcome.ok;
    },
    [submission],
  );

  const { reset: resetSubmission } = submission;
  const reset = useCallback(() => {
    setProblem(null);
    resetSubmission();
  }, [resetSubmission]);
  const state: SendState = problem ? { phase: 'invalid', problem } : submission.state;
  return { state, send, reset };
}
