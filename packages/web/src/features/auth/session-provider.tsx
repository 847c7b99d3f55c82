import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toApiError } from '../../api/api-error.ts';
import { onSessionEnded } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { forgetKeptRecords } from '../../sync/kept-record.ts';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context.ts';

/** Holds who is logged in, and sends everyone back to the login page when the session ends. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<SessionState> => {
      try {
        const session = await api.me();
        return { status: 'authenticated', session, cell: await api.cell() };
      } catch (failure) {
        const error = toApiError(failure);
        if (error.code === 'session_expired') return { status: 'anonymous', reason: 'expired' };
        if (error.code === 'unauthenticated') return { status: 'anonymous', reason: null };
        return { status: 'unreachable', error };
      }
    };
    void load().then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(
    () =>
      onSessionEnded((error) => {
        setState((current) =>
          current.status === 'authenticated' ? { status: 'anonymous', reason: error.code === 'session_expired' ? 'expired' : 'ended' } : current,
        );
      }),
    [],
  );

  // A watch-room tab stays open for hours: when it comes back into view, check the session
  // still holds rather than let the next click fail.
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible' || state.status !== 'authenticated') return;
      api.me().catch((failure: unknown) => {
        const error = toApiError(failure);
        if (error.endsSession) setState({ status: 'anonymous', reason: error.code === 'session_expired' ? 'expired' : 'ended' });
      });
    };
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, [state.status]);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api.login({ username, password });
    const cell = await api.cell();
    setState({ status: 'authenticated', session, cell });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      // The record this browser kept for the member's party goes with them.
      await forgetKeptRecords().catch(() => undefined);
      // Even if the server could not be told, this browser forgets the session view.
      setState({ status: 'anonymous', reason: 'signed_out' });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((value) => value + 1);
  }, []);

  const value = useMemo<SessionContextValue>(() => ({ state, login, logout, retry }), [state, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
