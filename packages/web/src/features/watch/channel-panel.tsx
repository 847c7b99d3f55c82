import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelStatePayload } from '@fusion-cell/protocol';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { FreeText } from '../items/free-text.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { mayCreate } from '../items/permissions.ts';

/**
 * The channel's recorded state, and for heads of delegation the act that changes it:
 * suspending (scheduled link checks pause) or resuming, with the reason on the record.
 */
export function ChannelPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { session } = useAuthenticated();
  const { inbox } = useCoordination();
  const graph = useItemGraph();
  const channel = inbox?.channel;
  const canChange = mayCreate('channel.suspended', { roles: session.member.roles, partyKind: session.party.kind }) && session.compartments.some((compartment) => compartment.kind === 'plenary');
  if (!channel) return null;
  const suspended = channel.status === 'suspended';
  const latest = channel.item ? graph.byId.get(channel.item)?.signed?.envelope : undefined;
  const reason = latest ? ChannelStatePayload.safeParse(latest.payload) : undefined;
  return (
    <section className={`watch-section channel-panel channel-panel-${channel.status}`} aria-labelledby="channel-heading" data-testid="channel-panel" data-status={channel.status}>
      <h2 id="channel-heading">{t('watch.channel.heading')}</h2>
      <p className="channel-panel-state">
        <strong>{suspended ? t('watch.channel.suspended') : t('watch.channel.open')}</strong>
        {channel.since && <span className="hint"> {t('watch.channel.since', { time: format.dateTime(channel.since) })}</span>}
      </p>
      {reason?.success && <FreeText text={reason.data.reason} language={reason.data.language} testId="channel-panel-reason" />}
      {canChange && <ChannelForm suspend={!suspended} />}
    </section>
  );
}

function ChannelForm({ suspend }: { suspend: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ItemForm
      type={suspend ? 'channel.suspended' : 'channel.resumed'}
      testId="channel"
      className="channel-form"
      attributes={{ 'data-action': suspend ? 'suspend' : 'resume' }}
      place={{ compartment: 'plenary', track: 'general' }}
      draft={(language) => (reason.trim() === '' ? { missing: 'reason' } : { payload: { reason: reason.trim(), language } })}
      onEntered={() => setReason('')}
      status={{ conflict: t('watch.channel.conflict') }}
    >
      <TextField
        field="reason"
        label={suspend ? t('watch.channel.suspendReason') : t('watch.channel.resumeReason')}
        testId="channel-reason"
        rows={2}
        value={reason}
        onChange={setReason}
        missing={{ text: t('watch.channel.reasonMissing'), testId: 'channel-reason-missing' }}
      />
      <FormLanguage />
      <FormSubmit className={`button ${suspend ? 'button-danger' : 'button-primary'}`}>{suspend ? t('watch.channel.suspend') : t('watch.channel.resume')}</FormSubmit>
    </ItemForm>
  );
}
