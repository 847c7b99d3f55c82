import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app/router.tsx';
import { SessionProvider } from './features/auth/session-provider.tsx';
import { setupI18n } from './i18n/setup.ts';
import './styles/base.css';
import './styles/filter-bar.css';
import './styles/board.css';

async function start(): Promise<void> {
  // Translations are bundled, so this is quick; it must finish before the first render so
  // no screen ever flashes untranslated keys or the wrong direction.
  await setupI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}

void start();
