import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import { useApiResource } from '../../api/use-api-resource.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DeviceKeyCell, DeviceStatusCell, RevokeInTwoSteps } from '../../components/device-cells.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDevice } from '../../device/device-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { signedDeviceDecision } from '../admin/signed-decision.ts';
import { useAuthenticated } from '../auth/session-context.ts';

/**
 * The member's own devices, one per browser they logged in from, each of which they may
 * revoke at once when it is lost. Revoking this browser's own device stops it signing and
 * cosigning, so that one is explained before it is confirmed.
 */
export function OwnDevicesPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const ownDevice = useDevice();
  const { session, cell } = useAuthenticated();
  const devices = useApiResource(useCallback(() => api.devices('own').then((list) => list.devices), []));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const thisBrowser = 'device' in ownDevice.state ? ownDevice.state.device.id : null;

  const revoke = async (device: Device) => {
    setBusy(device.id);
    setError(null);
    setConfirming(null);
    try {
      // A device cannot sign its own revocation: the server checks the signer is still
      // approved after the change, so the cell's key attests that one.
      const decision = device.id === thisBrowser ? {} : await signedDeviceDecision('device.revoked', device, { cellId: cell.id, partyId: session.party.id }, ownDevice);
      const revoked = await api.revokeDevice(device.id, decision);
      devices.update((list) => list.map((candidate) => (candidate.id === revoked.id ? revoked : candidate)));
      if (device.id === thisBrowser) ownDevice.refresh();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="record-section" aria-labelledby="own-devices-heading" data-testid="own-devices">
      <h2 id="own-devices-heading">{t('record.ownDevices.heading')}</h2>
      <p className="hint">{t('record.ownDevices.hint')}</p>
      {devices.error && <ErrorMessage error={devices.error} testId="own-devices-load-error" />}
      {error && <ErrorMessage error={error} testId="own-devices-error" />}
      <DataTable
        testId="own-devices-table"
        caption={t('record.ownDevices.heading')}
        columns={[t('fields.label'), t('admin.devices.key'), t('admin.devices.status'), t('admin.devices.registeredAt')]}
        actions
        busy={devices.loading}
        empty={devices.data?.length === 0 ? t('admin.devices.none') : undefined}
      >
        {devices.data?.map((device) => {
          const isThisBrowser = device.id === thisBrowser;
          return (
            <tr key={device.id} data-testid={`own-device-${device.id}`} data-status={device.status} data-this-browser={isThisBrowser}>
              <td>
                <bdi>{device.label}</bdi>
                {isThisBrowser && <span className="status-tag own-device-here">{t('record.ownDevices.thisBrowser')}</span>}
              </td>
              <DeviceKeyCell device={device} />
              <DeviceStatusCell device={device} />
              <td className="cell-time">{format.dateTime(device.registeredAt)}</td>
              <td className="cell-actions">
                {device.status !== 'revoked' && (
                  <RevokeInTwoSteps
                    prefix="own-device"
                    device={device}
                    confirming={confirming === device.id}
                    disabled={busy !== null}
                    onAsk={() => setConfirming(device.id)}
                    onConfirm={() => void revoke(device)}
                    onCancel={() => setConfirming(null)}
                    explained={
                      <p className={isThisBrowser ? 'message message-error' : 'hint'} data-testid={`own-device-revoke-explained-${device.id}`}>
                        {isThisBrowser ? t('record.ownDevices.revokeThisBrowser') : t('record.ownDevices.revokeOther')}
                      </p>
                    }
                  />
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}
