import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, Member } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import type { ApiResource } from '../../api/use-api-resource.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DeviceKeyCell, DeviceStatusCell, RevokeInTwoSteps } from '../../components/device-cells.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDevice } from '../../device/device-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { signedDeviceDecision } from './signed-decision.ts';

/** Who approved or revoked a device when it was the cell itself (demo) or its operator. */
const CELL_ACTOR = '@cell';

/**
 * The party's devices. Approving lets a key sign for the party; revoking is final, so it
 * asks for a second, explicit click.
 */
export function DevicesPanel({ devices, members }: { devices: ApiResource<Device[]>; members: Member[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ownDevice = useDevice();
  const { session, cell } = useAuthenticated();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const actorName = (id: string | null) => {
    if (id === null) return '';
    if (id === CELL_ACTOR) return t('admin.devices.byCell');
    return members.find((member) => member.id === id)?.username ?? id;
  };

  const act = async (device: Device, action: 'approve' | 'revoke') => {
    setBusy(device.id);
    setError(null);
    setConfirming(null);
    try {
      const decision = await signedDeviceDecision(action === 'approve' ? 'device.approved' : 'device.revoked', device, { cellId: cell.id, partyId: session.party.id }, ownDevice);
      const changed = action === 'approve' ? await api.approveDevice(device.id, decision) : await api.revokeDevice(device.id, decision);
      devices.update((list) => list.map((candidate) => (candidate.id === changed.id ? changed : candidate)));
      // The administrator may have just revoked the key of this very browser.
      ownDevice.refresh();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="admin-section" aria-labelledby="devices-heading">
      <h2 id="devices-heading">{t('admin.devices.heading')}</h2>
      <p className="hint">{t('admin.devices.hint')}</p>
      <p className="hint" data-testid="devices-signing" data-signed={ownDevice.state.status === 'approved'}>
        {ownDevice.state.status === 'approved' ? t('admin.devices.signedByDevice') : t('admin.devices.attestedByCell')}
      </p>
      {devices.error && <ErrorMessage error={devices.error} testId="devices-load-error" />}
      {error && <ErrorMessage error={error} testId="devices-error" />}
      <DataTable
        testId="devices-table"
        caption={t('admin.devices.heading')}
        columns={[t('fields.username'), t('fields.label'), t('admin.devices.key'), t('admin.devices.status'), t('admin.devices.registeredAt'), t('admin.devices.decidedAt')]}
        actions
        busy={devices.loading}
        empty={devices.data?.length === 0 ? t('admin.devices.none') : undefined}
      >
        {devices.data?.map((device) => (
          <tr key={device.id} data-testid={`device-row-${device.id}`} data-username={device.username} data-status={device.status}>
            <td>
              <bdi className="mono">{device.username}</bdi>
            </td>
            <td>
              <bdi>{device.label}</bdi>
            </td>
            <DeviceKeyCell device={device} />
            <DeviceStatusCell device={device} />
            <td className="cell-time">{format.dateTime(device.registeredAt)}</td>
            <td>
              {device.revokedAt !== null
                ? t('admin.devices.revokedBy', { time: format.dateTime(device.revokedAt), by: actorName(device.revokedBy) })
                : device.approvedAt !== null
                  ? t('admin.devices.approvedBy', { time: format.dateTime(device.approvedAt), by: actorName(device.approvedBy) })
                  : '—'}
            </td>
            <td className="cell-actions">
              {device.status === 'pending' && (
                <button type="button" className="button button-primary" data-testid={`device-approve-${device.id}`} disabled={busy !== null} onClick={() => void act(device, 'approve')}>
                  {t('admin.devices.approve')}
                </button>
              )}
              {device.status !== 'revoked' && (
                <RevokeInTwoSteps
                  prefix="device"
                  device={device}
                  confirming={confirming === device.id}
                  disabled={busy !== null}
                  onAsk={() => setConfirming(device.id)}
                  onConfirm={() => void act(device, 'revoke')}
                  onCancel={() => setConfirming(null)}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
