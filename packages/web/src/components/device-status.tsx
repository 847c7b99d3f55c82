import { useTranslation } from 'react-i18next';
import { useDevice } from '../device/device-context.ts';
import { useFormatters } from '../i18n/format.ts';

/** Signs alongside the words, so status never rests on colour alone. */
const SYMBOLS = { checking: '…', pending: '◷', approved: '✓', revoked: '✕', unknown: '?', unsupported: '!', error: '!' } as const;

/** This browser's device key status, always visible in the header. */
export function DeviceStatusBadge() {
  const { t } = useTranslation();
  const { state } = useDevice();
  return (
    <p className={`device-badge device-badge-${state.status}`} data-testid="device-status" data-status={state.status} title={t(`device.explanation.${state.status}`)}>
      <span aria-hidden="true" className="device-badge-symbol">
        {SYMBOLS[state.status]}
      </span>
      <span className="visually-hidden">{t('device.statusLabel')}: </span>
      {t(`device.status.${state.status}`)}
    </p>
  );
}

/**
 * A banner under the header whenever the device cannot sign, saying why and what to do:
 * wait for the administrator, or make a new key.
 */
export function DeviceBanner() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { state, refresh, createNewKey } = useDevice();
  if (state.status === 'approved' || state.status === 'checking') return null;
  const canReplace = state.status === 'revoked' || state.status === 'unknown' || state.status === 'error';
  return (
    <div className={`device-banner device-banner-${state.status}`} role="status" data-testid="device-banner">
      <p>
        {t(`device.explanation.${state.status}`)}
        {state.status === 'pending' && ` ${t('device.registeredAt', { time: format.dateTime(state.device.registeredAt) })}`}
      </p>
      <div className="device-banner-actions">
        {state.status === 'pending' && (
          <button type="button" className="button" onClick={refresh} data-testid="device-refresh">
            {t('device.checkAgain')}
          </button>
        )}
        {canReplace && (
          <button type="button" className="button button-primary" onClick={createNewKey} data-testid="device-create-key">
            {t('device.createNewKey')}
          </button>
        )}
      </div>
    </div>
  );
}
