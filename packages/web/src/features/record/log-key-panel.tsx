import { useTranslation } from 'react-i18next';
import { parseVerifierKey } from '@fusion-cell/record';
import { useFormatters } from '../../i18n/format.ts';
import type { LogKeyView } from '../../sync/sync-types.ts';

function keyName(verifierKey: string): string {
  try {
    return parseVerifierKey(verifierKey).name;
  } catch {
    return verifierKey;
  }
}

/**
 * The log key this browser pinned on first sight, with a fingerprint parties can compare
 * by reading it aloud; and, if the server now shows another one, both, as an alarm.
 */
export function LogKeyPanel({ logKey }: { logKey: LogKeyView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { pinned, served } = logKey;
  return (
    <section className="record-section" aria-labelledby="log-key-heading" data-testid="log-key" data-changed={served !== null}>
      <h2 id="log-key-heading">{t('record.logKey.heading')}</h2>
      <p className="hint">{t('record.logKey.hint')}</p>
      {pinned === null ? (
        <p data-testid="log-key-none">{t('record.logKey.none')}</p>
      ) : (
        <dl className="record-facts">
          <div>
            <dt>{t('record.logKey.name')}</dt>
            <dd>
              <code dir="ltr">{keyName(pinned.verifierKey)}</code>
            </dd>
          </div>
          <div>
            <dt>{t('record.logKey.fingerprint')}</dt>
            <dd>
              <code className="fingerprint" dir="ltr" data-testid="log-key-fingerprint" title={pinned.verifierKey}>
                {pinned.fingerprint}
              </code>
            </dd>
          </div>
          <div>
            <dt>{t('record.logKey.pinned')}</dt>
            <dd data-testid="log-key-pinned-at">{format.dateTime(pinned.pinnedAt)}</dd>
          </div>
        </dl>
      )}
      {served !== null && (
        <div className="message message-error" role="alert" data-testid="log-key-changed">
          <p className="message-title">{t('record.logKey.changed')}</p>
          <p>
            <code className="fingerprint" dir="ltr" data-testid="log-key-served-fingerprint" title={served.verifierKey}>
              {served.fingerprint || served.verifierKey}
            </code>
          </p>
        </div>
      )}
    </section>
  );
}
