import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one time a generated password is shown: the server keeps only its hash. It takes the
 * focus so it is not missed, and stays until the administrator says it was handed over.
 */
export function GeneratedPassword({ username, password, onDismiss }: { username: string; password: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="message message-success generated-password" role="status" tabIndex={-1} ref={panel} data-testid="generated-password-panel">
      <p className="message-title">{t('admin.addMember.added', { username })}</p>
      <p>{t('admin.addMember.generatedPassword')}</p>
      <p>
        <code className="secret" dir="ltr" data-testid="generated-password">
          {password}
        </code>
      </p>
      <p className="hint">{t('admin.addMember.shownOnce')}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void copy()} data-testid="generated-password-copy">
          {copied ? t('admin.addMember.copied') : t('admin.addMember.copy')}
        </button>
        <button type="button" className="button button-primary" onClick={onDismiss} data-testid="generated-password-dismiss">
          {t('admin.addMember.dismiss')}
        </button>
      </div>
    </div>
  );
}
