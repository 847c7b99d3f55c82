import { useTranslation } from 'react-i18next';
import type { AckPayload, EscalationPayload } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { Field, FreeText } from './free-text.tsx';
import { useRequiredName } from './type-names.ts';

/** A signed acknowledgment: its level, and the read-back or the reason in their language. */
export function AckContent({ payload }: { payload: AckPayload }) {
  const { t } = useTranslation();
  return (
    <div className={`item-ack item-ack-${payload.level}`} data-testid="ack-content" data-level={payload.level}>
      <p className="item-ack-level">
        <span className={`ack-level ack-level-${payload.level}`} data-testid="ack-level">
          {t(`items.ackLevels.${payload.level}`)}
        </span>
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
