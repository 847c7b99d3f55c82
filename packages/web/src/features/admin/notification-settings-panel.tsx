import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationSettings } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import { useApiResource } from '../../api/use-api-resource.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useAuthenticated } from '../auth/session-context.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

type Problem = { field: 'emails' | 'webhooks'; line: string } | { field: 'count' };

/** Checks the lists with the protocol's schema, naming the first line that does not fit. */
function validate(emails: string[], webhooks: string[]): { settings: NotificationSettings } | { problem: Problem } {
  const parsed = NotificationSettings.safeParse({ emails, webhooks: webhooks.map((url) => ({ url })) });
  if (parsed.success) return { settings: parsed.data };
  const issue = parsed.error.issues[0];
  const [field, index] = issue?.path ?? [];
  if ((field === 'emails' || field === 'webhooks') && typeof index === 'number') {
    return { problem: { field, line: (field === 'emails' ? emails : webhooks)[index] ?? '' } };
  }
  return { problem: { field: 'count' } };
}

/**
 * Where the party's escalations go outside the app: addresses to email, and webhook URLs to
 * post to (signed with the cell's log key). One per line.
 */
export function NotificationSettingsPanel() {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const partyId = session.party.id;
  const settings = useApiResource(useCallback(() => api.notificationSettings(partyId), [partyId]));
  const [emails, setEmails] = useState('');
  const [webhooks, setWebhooks] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { emails: useId(), webhooks: useId() };

  const { data } = settings;
  // The fields take the stored lists once, when they first arrive, and wait for them until
  // then: a later reload must not overwrite what the administrator is typing.
  const [loaded, setLoaded] = useState(false);
  const waiting = !loaded && settings.error === undefined;
  useEffect(() => {
    if (!data || loaded) return;
    setEmails(data.emails.join('\n'));
    setWebhooks(data.webhooks.map((hook) => hook.url).join('\n'));
    setLoaded(true);
  }, [data, loaded]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const checked = validate(lines(emails), lines(webhooks));
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const stored = await api.saveNotificationSettings(partyId, checked.settings);
      settings.update(() => stored);
      setEmails(stored.emails.join('\n'));
      setWebhooks(stored.webhooks.map((hook) => hook.url).join('\n'));
      setSaved(true);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="admin-section" aria-labelledby="notification-settings-heading" data-testid="notification-settings">
      <h2 id="notification-settings-heading">{t('admin.notifications.heading')}</h2>
      <p className="hint">{t('admin.notifications.hint')}</p>
      {settings.error && <ErrorMessage error={settings.error} testId="notification-load-error" />}
      <form className="form" onSubmit={(event) => void save(event)} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.emails}>{t('admin.notifications.emails')}</label>
            <textarea
              id={ids.emails}
              className="admin-textarea"
              data-testid="notification-emails"
              rows={4}
              dir="ltr"
              aria-invalid={problem?.field === 'emails'}
              value={emails}
              disabled={waiting}
              onChange={(event) => setEmails(event.target.value)}
            />
            <p className="hint">{t('admin.notifications.onePerLine')}</p>
          </div>
          <div className="field">
            <label htmlFor={ids.webhooks}>{t('admin.notifications.webhooks')}</label>
            <textarea
              id={ids.webhooks}
              className="admin-textarea"
              data-testid="notification-webhooks"
              rows={4}
              dir="ltr"
              aria-invalid={problem?.field === 'webhooks'}
              value={webhooks}
              disabled={waiting}
              onChange={(event) => setWebhooks(event.target.value)}
            />
            <p className="hint">{t('admin.notifications.webhooksHint')}</p>
          </div>
        </div>
        {problem && (
          <p className="message message-error" role="alert" data-testid="notification-problem" data-field={problem.field}>
            {problem.field === 'count' ? t('admin.notifications.tooMany') : t(`admin.notifications.invalid.${problem.field}`, { line: problem.line })}
          </p>
        )}
        {error && <ErrorMessage error={error} testId="notification-error" />}
        {saved && (
          <p className="message message-success" role="status" data-testid="notification-saved">
            {t('admin.notifications.saved')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="notification-save" disabled={saving || waiting}>
            {saving ? t('admin.notifications.saving') : t('admin.notifications.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
