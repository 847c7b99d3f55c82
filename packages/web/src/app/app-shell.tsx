import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { DeviceBanner } from '../components/device-status.tsx';
import { RecordAlarmBanner } from '../components/record-alarm-banner.tsx';
import { RecordProgress } from '../components/record-progress.tsx';
import { CoordinationProvider } from '../coordination/coordination-provider.tsx';
import { DeviceProvider } from '../device/device-provider.tsx';
import { UrgentBanner } from '../features/alerts/urgent-banner.tsx';
import { RecordSyncProvider } from '../sync/record-sync-provider.tsx';
import { useAuthenticated } from '../features/auth/session-context.ts';
import { MainNav } from './main-nav.tsx';
import { ShellHeader } from './shell-header.tsx';
import './app-shell.css';

/**
 * The frame of every page after login: header, device banner, record alarms, navigation,
 * content. The record sync and the live stream run here, so verification, cosigning and the
 * urgent banner go on whatever page is open.
 */
export function AppShell() {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  return (
    // Keyed by member: a different login in the same tab starts from a clean device state.
    <DeviceProvider key={session.member.id} cellId={cell.id} memberId={session.member.id}>
      <RecordSyncProvider>
        <CoordinationProvider>
          <div className="shell" data-testid="app-shell" data-party={session.party.id}>
            <a className="skip-link" href="#main">
              {t('nav.skipToContent')}
            </a>
            <ShellHeader />
            <DeviceBanner />
            <UrgentBanner />
            <RecordAlarmBanner />
            <RecordProgress />
            <div className="shell-body">
              <MainNav />
              <main className="shell-main" id="main" tabIndex={-1}>
                <Outlet />
              </main>
            </div>
          </div>
        </CoordinationProvider>
      </RecordSyncProvider>
    </DeviceProvider>
  );
}
