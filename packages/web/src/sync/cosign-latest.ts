import { toApiError } from '../api/api-error.ts';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import { cosignatureSecond, cosignLine, hasOwnCosignature, type CosigningDevice } from './cosigning.ts';
import { isRefusal } from './server-refusal.ts';
import type { SyncServices } from './sync-services.ts';
import { trustStore } from './trust-store.ts';

/**
 * Cosigns the latest verified checkpoint (R11) once everything it covers was received and
 * proven here, at most once per size. Any alarm, or any item that failed, stops it.
 */
export async function cosignLatestCheckpoint(state: CompartmentState, device: CosigningDevice | null, { scope, verifier, alarms }: SyncServices): Promise<void> {
  const trusted = state.trusted;
  if (alarms.cell.length > 0 || state.hasAlarm() || state.failedItems > 0) {
    state.cosign = { state: 'stopped' };
    return;
  }
  if (!device) {
    state.cosign = { state: 'not_approved' };
    return;
  }
  if (!trusted || trusted.size === 0) {
    state.cosign = { state: 'idle' };
    return;
  }
  if (state.items.length < trusted.size || state.items.some((item) => item.index < trusted.size && item.verification.inclusion.status !== 'verified')) {
    state.cosign = { state: 'waiting', size: trusted.size };
    return;
  }
  if (state.cosignedBy !== device.id) {
    state.lastCosignedSize = (await trustStore.cosignedSize(scope, state.id, device.id)) ?? 0;
    state.refusedCosignSize = 0;
    state.cosignedBy = device.id;
  }
  if (state.lastCosignedSize >= trusted.size) {
    state.cosign = { state: 'cosigned', size: state.lastCosignedSize };
    return;
  }
  if (state.refusedCosignSize === trusted.size) return;
  const context = { cellId: scope.cellId, partyId: scope.partyId, verifier };
  if (!(await hasOwnCosignature(trusted, device, context))) {
    const second = cosignatureSecond(device, trusted.time, Date.now());
    if (second === undefined) {
      state.cosign = { state: 'waiting', size: trusted.size };
      return;
    }
    try {
      const line = await cosignLine(trusted, device, context, second);
      await api.cosign(state.id, { size: trusted.size, device: device.id, line });
    } catch (failure) {
      const error = toApiError(failure);
      if (isRefusal(error)) state.refusedCosignSize = trusted.size;
      state.cosign = { state: 'failed', size: trusted.size, error };
      return;
    }
  }
  state.lastCosignedSize = trusted.size;
  state.cosign = { state: 'cosigned', size: trusted.size };
  await trustStore.saveCosignedSize(scope, state.id, device.id, trusted.size);
}
