import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '@fusion-cell/protocol';
import './device-cells.css';

/** The start of a device's key, to compare with what the member's browser shows; all of it on hover. */
export function DeviceKeyCell({ device }: { device: Device }) {
  return (
    <td>
      <code dir="ltr" title={device.publicKey}>
        {device.publicKey.slice(0, 12)}…
      </code>
    </td>
  );
}

/** Whether a device may sign: awaiting approval, approved, or revoked for good. */
export function DeviceStatusCell({ device }: { device: Device }) {
  const { t } = useTranslation();
  const tone = device.status === 'approved' ? 'good' : device.status === 'pending' ? 'warn' : 'bad';
  return (
    <td>
      <span className={`status-tag status-tag-${tone}`}>{t(`admin.devices.statuses.${device.status}`)}</span>
    </td>
  );
}

/**
 * Revoking a device in two steps: "Revoke", then "Confirm revocation" or "Cancel". What the
 * confirmation should say first (`explained`) stands before its buttons. Test ids are
 * `<prefix>-revoke-<id>`, `-revoke-confirm-<id>`, `-revoke-cancel-<id>`.
 */
export function RevokeInTwoSteps({ prefix, device, confirming, disabled, onAsk, onConfirm, onCancel, explained }: { prefix: string; device: Device; confirming: boolean; disabled: boolean; onAsk: () => void; onConfirm: () => void; onCancel: () => void; explained?: ReactNode }) {
  const { t } = useTranslation();
  if (!confirming) {
    return (
      <button type="button" className="button button-danger" data-testid={`${prefix}-revoke-${device.id}`} disabled={disabled} onClick={onAsk}>
        {t('admin.devices.revoke')}
      </button>
    );
  }
  return (
    <div className="revoke-confirm" role="group" aria-label={t('admin.devices.revoke')}>
      {explained}
      <button type="button" className="button button-danger" data-testid={`${prefix}-revoke-confirm-${device.id}`} disabled={disabled} onClick={onConfirm}>
        {t('admin.devices.confirmRevoke')}
      </button>
      <button type="button" className="button" data-testid={`${prefix}-revoke-cancel-${device.id}`} onClick={onCancel}>
        {t('admin.devices.cancel')}
      </button>
    </div>
  );
}
