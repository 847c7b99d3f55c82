import { useTranslation } from 'react-i18next';
import type { AckLevel, AckPayload, EscalationPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { webItemType } from '../../item-types/registry.ts';
import { Field, FreeText } from './free-text.tsx';
import { useItemGraph } from './item-graph.ts';
import { useRequiredName } from './type-names.ts';

/** Whether the item acknowledged asks for consent, as its own type says. */
export function asksConsentOf(envelope: Pick<Envelope, 'type' | 'payload'> | undefined): boolean {
  return envelope === undefined ? false : (webItemType(envelope.type)?.asksConsent?.(envelope.payload) ?? false);
}

const CONSENT = { received: 'not-given', understood: 'not-given', accepted: 'given', contested: 'refused' } as const satisfies Record<AckLevel, string>;

/**
 * An acknowledgment level as a badge. On an item that asks for consent, the words say whether
 * consent was given: only `accepted` gives it, and a receipt or an understanding never reads as
 * a permission.
 */
export function AckLevelBadge({ level, consent, testId }: { level: AckLevel; consent: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (!consent) {
    return (
      <span className={`ack-level ack-level-${level}`} data-testid={testId}>
        {t(`items.ackLevels.${level}`)}
      </span>
    );
  }
  const given = CONSENT[level];
  return (
    <span className={`ack-level ack-level-${given === 'given' ? 'accepted' : given === 'refused' ? 'contested' : 'awaited'}`} data-testid={testId} data-consent={given}>
      <span data-testid={given === 'given' ? 'consent-given' : given === 'refused' ? 'consent-refused' : 'no-consent'}>{t(`deescalation.consent.${level}`)}</span>
    </span>
  );
}

/**
 * A signed acknowledgment: its level (whether it gave consent, where the item acknowledged asks
 * for it), and the read-back or the reason in their language.
 */
export function AckContent({ payload, subject }: { payload: AckPayload; subject?: string | undefined }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const consent = subject !== undefined && asksConsentOf(graph.byId.get(subject)?.signed?.envelope);
  return (
    <div className={`item-ack item-ack-${payload.level}`} data-testid="ack-content" data-level={payload.level}>
      <p className="item-ack-level">
        <AckLevelBadge level={payload.level} consent={consent} testId="ack-level" />
      </p>
      {payload.readBack !== undefined && (
        <Field label={t('items.fields.readBack')}>
          <FreeText text={payload.readBack} language={payload.language} testId="ack-read-back" />
        </Field>
      )}
      {payload.reason !== undefined && (
        <Field label={t('items.fields.reason')}>
          <FreeText text={payload.reason} language={payload.language} testId="ack-reason" />
        </Field>
      )}
    </div>
  );
}

/** Entered by the cell when a deadline passed: who owed what, and since when. */
export function EscalationContent({ payload }: { payload: EscalationPayload }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const requiredName = useRequiredName();
  return (
    <div className="item-escalation" data-testid="escalation-content" data-kind={payload.kind} data-party={payload.party}>
      <p className="item-title">
        <span aria-hidden="true">⚠ </span>
        {t(`items.escalationKinds.${payload.kind}`)}
      </p>
      <p>
        {t('items.escalation.owed', {
          party: partyName(payload.party),
          required: requiredName(payload.required),
          time: format.dateTime(payload.dueAt),
        })}
      </p>
    </div>
  );
}
