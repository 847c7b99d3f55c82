import { useTranslation } from 'react-i18next';
import { verdictOf, type CheckResult, type ItemVerification } from '../sync/sync-types.ts';
import './verification-badge.css';

/** Signs beside the words, so the verdict never rests on colour alone. */
const SYMBOLS = { verified: '✓', pending: '◷', failed: '✕' } as const;

/**
 * An item's verification at a glance (verified, awaiting a checkpoint, FAILED), with each of
 * its two checks spelled out: the author's signature, and the entry's inclusion in the log.
 */
export function VerificationBadge({ verification }: { verification: ItemVerification }) {
  const { t } = useTranslation();
  const verdict = verdictOf(verification);
  const { signature, inclusion } = verification;
  return (
    <div className={`verification verification-${verdict}`} data-testid="item-verification" data-verdict={verdict} data-signature={signature.status} data-inclusion={inclusion.status}>
      <p className="verification-verdict">
        <span aria-hidden="true" className="verification-symbol">
          {SYMBOLS[verdict]}
        </span>
        {t(`verification.verdict.${verdict}`)}
      </p>
      <ul className="verification-checks">
        <li data-testid="item-signature" data-status={signature.status}>
          {t(`verification.signature.${signature.status}`)}
        </li>
        <li data-testid="item-inclusion" data-status={inclusion.status} data-size={inclusion.status === 'verified' ? inclusion.size : undefined}>
          {inclusion.status === 'verified' && inclusion.size !== undefined
            ? t('verification.inclusion.verifiedAt', { size: inclusion.size })
            : t(`verification.inclusion.${inclusion.status}`)}
        </li>
      </ul>
    </div>
  );
}

/** What failed, in words, for the alarm under a failed item. */
export function FailureReasons({ verification }: { verification: ItemVerification }) {
  const { t } = useTranslation();
  const failures = [verification.signature, verification.inclusion].filter((check): check is Extract<CheckResult, { status: 'failed' }> => check.status === 'failed');
  if (failures.length === 0) return null;
  return (
    <div className="item-alarm" role="alert" data-testid="item-alarm">
      <p className="item-alarm-title">{t('verification.alarmTitle')}</p>
      <ul>
        {failures.map((failure) => (
          <li key={failure.code} data-code={failure.code}>
            {t(`verification.failures.${failure.code}`)}{' '}
            <span className="message-detail">
              (<bdi lang="en">{failure.detail}</bdi>)
            </span>
          </li>
        ))}
      </ul>
      <p>{t('verification.doNotRely')}</p>
    </div>
  );
}
