import { useTranslation } from 'react-i18next';
import type { AlertPayload, ChannelStatePayload, LinkCheckPayload} from '@fusion-cell/protocol';
import { type Area } from '@fusion-cell/protocol';
import { Field, FreeText } from './free-text.tsx';

/** An area attached to an item, said in words: its shape and how many polygons. */
export function AreaSummary({ area }: { area: Area }) {
  const { t } = useTranslation();
  const count = area.type === 'Polygon' ? 1 : area.coordinates.length;
  return (
    <Field label={t('items.fields.area')} testId="item-area">
      <p>{t('items.areaPolygons', { count })}</p>
    </Field>
  );
}

/** A hotline alert: its severity first, then the title and description in their language. */
export function AlertContent({ payload }: { payload: AlertPayload }) {
  const { t } = useTranslation();
  return (
    <div className={`item-alert item-alert-${payload.severity}`} data-testid="alert-content" data-severity={payload.severity}>
      <p className="item-severity" data-testid="alert-severity">
        <span aria-hidden="true">⚠ </span>
        {t(`items.severity.${payload.severity}`)}
      </p>
      <FreeText text={payload.title} language={payload.language} testId="alert-title" className="item-title" />
      {payload.description !== '' && <FreeText text={payload.description} language={payload.language} testId="alert-description" />}
      {payload.area && <AreaSummary area={payload.area} />}
    </div>
  );
}

/** A communication check: every party answers it with a `received` acknowledgment. */
export function LinkCheckContent({ payload, byCell }: { payload: LinkCheckPayload; byCell: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="item-link-check" data-testid="link-check-content" data-sequence={payload.sequence}>
      <p className="item-title">{payload.sequence === undefined ? t('items.linkCheck.title') : t('items.linkCheck.scheduled', { sequence: payload.sequence })}</p>
      <p className="hint">{byCell ? t('items.linkCheck.byCell') : t('items.linkCheck.byParty')}</p>
      {payload.note !== undefined && payload.note !== '' && <FreeText text={payload.note} language={undefined} testId="link-check-note" />}
    </div>
  );
}

/** The channel suspended or resumed, with the reason in its language. */
export function ChannelStateContent({ payload, suspended }: { payload: ChannelStatePayload; suspended: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`item-channel item-channel-${suspended ? 'suspended' : 'open'}`} data-testid="channel-content" data-status={suspended ? 'suspended' : 'open'}>
      <p className="item-title">{suspended ? t('items.channel.suspended') : t('items.channel.resumed')}</p>
      <Field label={t('items.fields.reason')}>
        <FreeText text={payload.reason} language={payload.language} testId="channel-reason" />
      </Field>
    </div>
  );
}
