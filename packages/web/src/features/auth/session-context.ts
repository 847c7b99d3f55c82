import { createContext, useContext } from 'react';
import type { CellInfo, SessionInfo } from '@fusion-cell/protocol';
import type { ApiError } from '../../api/api-error.ts';

/** Why the user is on the login page, to tell them. */
export type LogoutReason = 'expired' | 'ended' | 'signed_out' | null;

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: LogoutReason }
  | { status: 'authenticated'; session: SessionInfo; cell: CellInfo }
  /** The server could not be asked at all; the app offers to try again. */
  | { status: 'unreachable'; error: ApiError };

export interface SessionContextValue {
  state: SessionState;
  /** Logs in; rejects with an ApiError for the login page to explain. */
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  retry(): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The logged-in session, for components that only render inside the shell. */
export function useAuthenticated(): { session: SessionInfo; cell: CellInfo } {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useAuthenticated needs a logged-in session');
  return state;
}
