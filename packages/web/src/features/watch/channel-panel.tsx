import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelStatePayload, RTL_LANGUAGES } from '@fusion-cell/protocol';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FreeText } from '../items/free-text.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { LanguageSelect, useTextLanguage } from '../items/language-select.tsx';
import { mayCreate } from '../items/permissions.ts';
import { SubmitStatus } from '../items/submit-status.tsx';
import { useSubmitItem } from '../items/use-submit-item.ts';

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
  const { state, submit } = useSubmitItem();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [language, setLanguage] = useTextLanguage();
  const id = useId();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    const outcome = await submit({ compartment: 'plenary', track: 'general', type: suspend ? 'channel.suspended' : 'channel.resumed', payload: { reason: reason.trim(), language } });
    if (outcome.ok) setReason('');
  };

  return (
    <form className="channel-form" data-testid="channel-form" data-action={suspend ? 'suspend' : 'resume'} onSubmit={(event) => void send(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>{suspend ? t('watch.channel.suspendReason') : t('watch.channel.resumeReason')}</label>
        <textarea
          id={id}
          data-testid="channel-reason"
          rows={2}
          maxLength={2000}
          lang={language}
          dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
          aria-invalid={missing}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p className="message message-error" role="alert" data-testid="channel-reason-missing">
            {t('watch.channel.reasonMissing')}
          </p>
        )}
      </div>
      <LanguageSelect value={language} onChange={setLanguage} testId="channel-language" />
      <button type="submit" className={`button ${suspend ? 'button-danger' : 'button-primary'}`} data-testid="channel-submit" disabled={state.phase === 'sending'}>
        {suspend ? t('watch.channel.suspend') : t('watch.channel.resume')}
      </button>
      <SubmitStatus state={state} testId="channel-status" conflict={t('watch.channel.conflict')} />
    </form>
  );
}
