import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { TRACKS } from '@fusion-cell/protocol';
import { AdminPage } from '../features/admin/admin-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { useSession } from '../features/auth/session-context.ts';
import { DisputePage } from '../features/disputes/dispute-page.tsx';
import { DisputesPage } from '../features/disputes/disputes-page.tsx';
import { GlossaryPage } from '../features/glossary/glossary-page.tsx';
import { RecordPage } from '../features/record/record-page.tsx';
import { SearchPage } from '../features/search/search-page.tsx';
import { TrackPage } from '../features/tracks/track-page.tsx';
import { WatchPage } from '../features/watch/watch-page.tsx';
import { AppShell } from './app-shell.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { LoadingScreen, UnreachableScreen } from './status-screens.tsx';

interface LoginState {
  from?: string;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route element={<RequireSession />}>
        <Route index element={<Landing />} />
        <Route path="watch" element={<WatchPage />} />
        <Route path="tracks/:track" element={<TrackPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="disputes" element={<DisputesPage />} />
        <Route path="disputes/:id" element={<DisputePage />} />
        <Route path="glossary" element={<GlossaryPage />} />
        <Route path="record" element={<RecordPage />} />
        <Route path="admin" element={<RequireAdmin><AdminPage /></RequireAdmin>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The shell for a logged-in member; anyone else goes to the login page, and comes back after. */
function RequireSession() {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'unreachable') return <UnreachableScreen error={state.error} onRetry={retry} />;
  if (state.status === 'anonymous') {
    // After a deliberate logout the next person starts afresh, not on the last one's page.
    const from = state.reason === 'signed_out' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginState} />;
  }
  return <AppShell />;
}

function LoginRoute() {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'unreachable') return <UnreachableScreen error={state.error} onRetry={retry} />;
  if (state.status === 'authenticated') {
    const from = (location.state as LoginState | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <LoginPage reason={state.reason} />;
}

/**
 * Where a member lands after login: the console for those who keep the watch (duty officers,
 * heads of delegation) and for the supervisor's cell; the first track for everyone else.
 */
function Landing() {
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  const { member, party } = state.session;
  const watch = party.kind === 'supervisor' || member.roles.includes('duty') || member.roles.includes('head');
  return <Navigate to={watch ? '/watch' : `/tracks/${TRACKS[0]}`} replace />;
}

/** Hides the admin page from members without the role; the server refuses them anyway. */
function RequireAdmin({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'authenticated' || !state.session.member.roles.includes('admin')) return <NotFoundPage />;
  return children;
}
