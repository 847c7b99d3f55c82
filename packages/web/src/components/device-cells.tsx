import { useTranslation } from 'react-i18next';
import type { Device } from '@fusion-cell/protocol';

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
