import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { inputProblems, type InputProblem } from '../../components/input-problems.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { useProblemText } from '../../components/use-error-text.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useSession, type LogoutReason } from './session-context.ts';
import { useCountdown } from './use-countdown.ts';
import './login-page.css';

export function LoginPage({ reason }: { reason: LogoutReason }) {
  const { t } = useTranslation();
  const { login } = useSession();
  const format = useFormatters();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // What the login request's schema, the server's own, refuses (a pasted text over its limit).
  const [refused, setRefused] = useState<InputProblem | null>(null);
  const problemText = useProblemText();
  const [missing, setMissing] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(lockedUntil);
  const locked = secondsLeft > 0;
  useDocumentTitle(t('login.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked || submitting) return;
    setError(null);
    // The button stays enabled (a disabled one cannot be focused or explain itself); an empty
    // field is said in words instead.
    if (username.trim() === '' || password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const problem = inputProblems(LoginRequest, { username: username.trim(), password }, 'body')[0] ?? null;
    setRefused(problem);
    if (problem) return;
    setSubmitting(true);
    try {
      await login(username.trim(), password);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      setPassword('');
      if (apiError.code === 'rate_limited') setLockedUntil(Date.now() + (apiError.retryAfterSeconds ?? 60) * 1000);
      setSubmitting(false);
    }
  };

  return (
    <div className="login-screen">
      <div className="login-topbar">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="login-product">{t('app.name')}</p>
        <h1>{t('login.title')}</h1>
        {reason !== null && (
          <p className={`message ${reason === 'signed_out' ? 'message-info' : 'message-warning'}`} role="status" data-testid="login-notice" data-reason={reason}>
            {t(`login.reasons.${reason}`)}
          </p>
        )}
        {missing && (
          <p className="message message-error" role="alert" data-testid="login-error" data-code="missing">
            {t('login.errors.missing')}
          </p>
        )}
        {refused && (
          <p className="message message-error" role="alert" data-testid="login-error" data-code={refused.kind} data-field={refused.field}>
            {problemText(refused)}
          </p>
        )}
        {error && <LoginError error={error} secondsLeft={secondsLeft} countdown={format.countdown(secondsLeft)} />}
        <form className="form" onSubmit={(event) => void submit(event)} data-testid="login-form" noValidate>
          <div className="field">
            <label htmlFor="login-username">{t('fields.username')}</label>
            <input
              id="login-username"
              data-testid="login-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              dir="ltr"
              required
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('fields.password')}</label>
            <input
              id="login-password"
              data-testid="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" data-testid="login-submit" disabled={submitting || locked}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

function LoginError({ error, secondsLeft, countdown }: { error: ApiError; secondsLeft: number; countdown: string }) {
  const { t } = useTranslation();
  if (error.code === 'invalid_credentials') {
    return (
      <p className="message message-error" role="alert" data-testid="login-error" data-code={error.code}>
        {t('login.errors.invalidCredentials')}
      </p>
    );
  }
  if (error.code === 'rate_limited') {
    // Only the lock itself is announced; the ticking countdown is not, or a screen reader
    // would read out every second.
    return (
      <div className="message message-error" data-testid="login-error" data-code={error.code}>
        <p role="alert" className="message-title">
          {t('login.errors.lockedOut')}
        </p>
        <p data-testid="login-countdown">{secondsLeft > 0 ? t('login.errors.retryIn', { time: countdown }) : t('login.errors.lockOver')}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} testId="login-error" />;
}
