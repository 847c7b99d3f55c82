import { useTranslation } from 'react-i18next';
import type { ActivityNoticePayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { useFormatters } from '../../i18n/format.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { AreaSummary } from '../items/hotline-content.tsx';
import { useForcesWords } from './forces-words.ts';
import { useNoticeState, type NoticeState } from './notice-state.ts';
import './deescalation.css';

/** What the notice asks of the other parties, first and prominently: consent stands apart. */
export function NoticeSemantics({ semantics }: { semantics: ActivityNoticePayload['semantics'] }) {
  const { t } = useTranslation();
  return (
    <div className={`notice-semantics notice-semantics-${semantics}`} data-testid="notice-semantics" data-semantics={semantics}>
      <p className="notice-semantics-name">
        {t(`deescalation.notice.semantics.${semantics}`)}
      </p>
      <p className="notice-semantics-explained">{t(`deescalation.notice.semanticsExplained.${semantics}`)}</p>
    </div>
  );
}

/** Amended or cancelled, said before anything else, so no one acts on a notice that no longer stands. */
function NoticeStateLine({ state }: { state: NoticeState }) {
  const { t } = useTranslation();
  if (state.state === 'active') return null;
  return (
    <p className={`notice-state notice-state-${state.state}`} data-testid="notice-state" data-state={state.state} data-by={state.by.id}>
      {state.state === 'amended' ? t('deescalation.notice.states.amended', { index: state.by.index }) : t('deescalation.notice.states.cancelled', { index: state.by.index })}
    </p>
  );
}

/**
 * An activity notice as its fields say it, for any reader: its state (when known), what it
 * asks, what, when in the reader's time zone, how big, and where. Free text keeps its own
 * language.
 */
export function NoticeView({ payload, state }: { payload: ActivityNoticePayload; state: NoticeState | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useForcesWords();
  const counts = words.counts(payload.size);
  const standing = state?.state ?? 'active';
  return (
    <div className={`item-fields item-notice item-notice-${standing}`} data-testid="notice-content" data-state={standing} data-semantics={payload.semantics}>
      {state && <NoticeStateLine state={state} />}
      <NoticeSemantics semantics={payload.semantics} />
      <p className="item-title" data-testid="notice-kind" data-kind={payload.kind}>
        {t(`deescalation.notice.kinds.${payload.kind}`)}
      </p>
      {payload.amends !== undefined && <p className="hint" data-testid="notice-amends">{t('deescalation.notice.amends')}</p>}
      <Field label={t('deescalation.notice.window')} testId="notice-window">
        <p>
          {t('deescalation.notice.windowRange', { from: '\u2068' + format.dateTime(payload.window.from) + '\u2069', to: '\u2068' + format.dateTime(payload.window.to) + '\u2069' })}
        </p>
      </Field>
      <FreeText text={payload.description} language={payload.language} testId="notice-description" />
      <Field label={t('deescalation.notice.size')} testId="notice-size">
        <p>{t('deescalation.notice.sizeCategory', { category: t(`deescalation.notice.sizes.${payload.size.category}`) })}</p>
        {counts.length > 0 ? (
          <ul className="deesc-list" data-testid="notice-counts">
            {counts.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('deescalation.counts.none')}</p>
        )}
      </Field>
      <AreaSummary area={payload.area} />
    </div>
  );
}

/** A notice in a thread: its state computed from the record verified here. */
export function NoticeContent({ payload, envelope }: { payload: ActivityNoticePayload; envelope: Envelope }) {
  const found = useNoticeState(envelope);
  return <NoticeView payload={payload} state={found?.state} />;
}

/** A notice's cancellation, under the notice: the reason in its own language. */
export function NoticeCancelContent({ payload }: { payload: { reason?: string | undefined; language?: ActivityNoticePayload['language'] | undefined } }) {
  const { t } = useTranslation();
  return (
    <div className="item-fields" data-testid="notice-cancel-content">
      <p className="item-title">{t('deescalation.cancel.title')}</p>
      {payload.reason !== undefined && (
        <Field label={t('items.fields.reason')}>
          <FreeText text={payload.reason} language={payload.language} testId="notice-cancel-reason" />
        </Field>
      )}
    </div>
  );
}
