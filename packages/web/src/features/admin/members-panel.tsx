import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/endpoints.ts';
import type { ApiResource } from '../../api/use-api-resource.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AddMemberForm } from './add-member-form.tsx';

/** The party's members: add one, disable or enable one. */
export function MembersPanel({ members }: { members: ApiResource<Member[]> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { session } = useAuthenticated();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const toggle = async (member: Member) => {
    setBusy(member.id);
    setError(null);
    try {
      const changed = await api.setMemberDisabled(member.id, !member.disabled);
      members.update((list) => list.map((candidate) => (candidate.id === changed.id ? changed : candidate)));
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="admin-section" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('admin.members.heading')}</h2>
      {members.error && <ErrorMessage error={members.error} testId="members-load-error" />}
      {error && <ErrorMessage error={error} testId="members-error" />}
      <DataTable
        testId="members-table"
        caption={t('admin.members.heading')}
        columns={[t('fields.displayName'), t('fields.username'), t('fields.roles'), t('admin.members.status'), t('admin.members.createdAt')]}
        actions
        busy={members.loading}
        empty={members.data?.length === 0 ? t('admin.members.none') : undefined}
      >
        {members.data?.map((member) => (
          <tr key={member.id} data-testid={`member-row-${member.username}`} data-disabled={member.disabled}>
            <td>
              <bdi>{member.displayName}</bdi>
            </td>
            <td>
              <bdi className="mono">{member.username}</bdi>
            </td>
            <td>{format.list(member.roles.map((role) => t(`roles.${role}`)))}</td>
            <td>
              <span className={`status-tag ${member.disabled ? 'status-tag-bad' : 'status-tag-good'}`}>
                {member.disabled ? t('admin.members.disabled') : t('admin.members.active')}
              </span>
            </td>
            <td className="cell-time">{format.dateTime(member.createdAt)}</td>
            <td className="cell-actions">
              {/* An administrator cannot lock themselves out from here. */}
              {member.id !== session.member.id && (
                <button
                  type="button"
                  className={`button ${member.disabled ? '' : 'button-danger'}`}
                  data-testid={`member-toggle-${member.username}`}
                  disabled={busy !== null}
                  onClick={() => void toggle(member)}
                  aria-label={t(member.disabled ? 'admin.members.enableNamed' : 'admin.members.disableNamed', { name: member.displayName })}
                >
                  {member.disabled ? t('admin.members.enable') : t('admin.members.disable')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <AddMemberForm onAdded={(member) => members.update((list) => [...list, member])} />
    </section>
  );
}
