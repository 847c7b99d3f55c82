import type { ReleaseOpening, Track } from '@fusion-cell/protocol';
import { EnvelopeError, itemId, signEnvelope, type JsonObject, type SignedEnvelope } from '@fusion-cell/record';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import type { DeviceContextValue } from '../../device/device-context.ts';

/** An item to sign and enter: where, what, and what it refers to. */
export interface ItemDraft {
  compartment: string;
  track: Track;
  type: string;
  payload: JsonObject;
  references?: string[];
  /** Sent beside the envelope, never in it: a release's opening (record SPEC R44). */
  release?: ReleaseOpening;
}

/** Problems found here, before or after sending. */
export type LocalSubmitProblem = 'signing' | 'too_long' | 'receipt_mismatch';

export type SubmitOutcome =
  | { ok: true; id: string; compartment: string; index: number }
  | { ok: false; problem: LocalSubmitProblem }
  | { ok: false; error: ApiError };

/**
 * Builds the envelope, signs it here with the device key, and posts it. The server only ever
 * sees the signed envelope; its receipt must name the hash of exactly what was signed.
 */
export async function signAndSubmit(author: { cellId: string; memberId: string }, device: DeviceContextValue, draft: ItemDraft): Promise<SubmitOutcome> {
  if (device.state.status !== 'approved') return { ok: false, problem: 'signing' };
  let signed: SignedEnvelope;
  try {
    signed = await signEnvelope(
      {
        cell: author.cellId,
        compartment: draft.compartment,
        type: draft.type,
        track: draft.track,
        payload: draft.payload,
        references: draft.references ?? [],
        author: author.memberId,
        device: device.state.device.id,
        authoredAt: new Date().toISOString(),
      },
      async (bytes) => (await device.sign(bytes)).signature,
    );
  } catch (failure) {
    // Everything in the envelope but the free text comes from the app itself, so an envelope
    // the record refuses is a text over the payload's byte limit (R2), not a key problem.
    return { ok: false, problem: failure instanceof EnvelopeError ? 'too_long' : 'signing' };
  }
  try {
    const receipt = await api.submitItem(signed, draft.release);
    if (receipt.id !== itemId(signed) || receipt.compartment !== draft.compartment) return { ok: false, problem: 'receipt_mismatch' };
    return { ok: true, id: receipt.id, compartment: receipt.compartment, index: receipt.index };
  } catch (failure) {
    return { ok: false, error: toApiError(failure) };
  }
}
