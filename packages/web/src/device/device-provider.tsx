import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeBrowser } from './browser-label.ts';
import { DeviceContext, DeviceNotApprovedError, type DeviceContextValue } from './device-context.ts';
import { DeviceKeyUnsupportedError, signWithDevice } from './device-key.ts';
import type { DeviceOwner } from './device-key-store.ts';
import { ensureDevice, replaceDevice, type DeviceState } from './device-state.ts';

/** How often to ask whether a pending device was approved. */
const PENDING_POLL_MS = 15_000;

/**
 * Makes sure the logged-in member has a device key in this browser, registered with the
 * server, and keeps its status current for the shell.
 */
export function DeviceProvider({ cellId, memberId, children }: { cellId: string; memberId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DeviceState>({ status: 'checking' });
  const [generation, setGeneration] = useState(0);
  const replacing = useRef(false);
  const owner = useMemo<DeviceOwner>(() => ({ cellId, memberId }), [cellId, memberId]);

  // Read through a ref: the label is only needed on registration, and a language switch
  // must not re-check the device.
  const translate = useRef(t);
  useEffect(() => {
    translate.current = t;
  }, [t]);
  const label = useCallback(() => translate.current('device.label', describeBrowser()), []);

  const settle = useCallback(async (work: () => Promise<DeviceState>, cancelled: () => boolean = () => false) => {
    let next: DeviceState;
    try {
      next = await work();
    } catch (error) {
      next = error instanceof DeviceKeyUnsupportedError ? { status: 'unsupported' } : { status: 'error', error };
    }
    if (!cancelled()) setState(next);
  }, []);

  useEffect(() => {
    let cancelled = false;
    void settle(
      () => ensureDevice(owner, label()),
      () => cancelled,
    );
    return () => {
      cancelled = true;
    };
  }, [owner, generation, settle, label]);

  useEffect(() => {
    if (state.status !== 'pending') return;
    const timer = setInterval(() => setGeneration((value) => value + 1), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [state.status]);

  const refresh = useCallback(() => setGeneration((value) => value + 1), []);

  const createNewKey = useCallback(() => {
    if (replacing.current) return;
    replacing.current = true;
    setState({ status: 'checking' });
    void settle(() => replaceDevice(owner, label())).finally(() => {
      replacing.current = false;
    });
  }, [owner, label, settle]);

  const sign = useCallback(
    async (bytes: Uint8Array) => {
      if (state.status !== 'approved') throw new DeviceNotApprovedError(state.status);
      return signWithDevice(owner, bytes);
    },
    [owner, state.status],
  );

  const value = useMemo<DeviceContextValue>(() => ({ state, refresh, createNewKey, sign }), [state, refresh, createNewKey, sign]);
  return <DeviceContext.Provider value={value}>{children}</DeviceContext.Provider>;
}
