import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LocalizedText,
  NOTICE_KINDS,
  type AreaInZoneDetail,
  type FindingPayload,
  type NoticeLeadTimeDetail,
  type NoticeOverlapDetail,
  type ZoneAgainstNoticesDetail,
} from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useForcesWords } from '../deescalation/forces-words.ts';
import { useItemGraph } from '../items/item-graph.ts';
import '../deescalation/deescalation.css';

/** What a clear check says in one line, and a flagged one in full. */
interface Reading {
  /** The one line of a clear finding. */
  summary: string;
  /** What a flagged one found, item by item. */
  details?: ReactNode;
}

type DetailOf<Detail> = { payload: FindingPayload & { detail: Detail } };

const isolate = (text: string) => `\u2068${text}\u2069`;

/** A zone's name as the reader reads it, from the finding itself or, failing that, the zone's version in the record. */
function useZoneName(): (version: string | undefined, fallback: LocalizedText | undefined) => string {
  const graph = useItemGraph();
  const language = useLanguage();
  return (version, fallback) => {
    const name = LocalizedText.safeParse(fallback ?? (version === undefined ? undefined : graph.byId.get(version)?.signed?.envelope.payload['name']));
    return name.success ? pickLocalized(name.data, language).value : (version?.slice(0, 8) ?? '');
  };
}

function AreaInZone({ payload }: DetailOf<AreaInZoneDetail>) {
  const { detail, result } = payload;
  const { t } = useTranslation();
  const words = useForcesWords();
  const zoneName = useZoneName();
  const count = detail.zonesInForce ?? detail.zones.length;
  const summary = count === 0 ? t('deescalation.findings.areaInZone.noZones') : t('deescalation.findings.areaInZone.clear', { count });
  if (result === 'clear' && detail.zones.every((zone) => zone.breach === undefined)) return <FindingFrame payload={payload} summary={summary} />;
  return (
    <FindingFrame
      payload={payload}
      summary={summary}
      details={
        <ul className="finding-list" data-testid="finding-zones">
          {detail.zones.map((zone) => {
            const values = { zone: isolate(zoneName(zone.version, zone.name)), relation: t(`deescalation.findings.relations.${zone.relation}`), rule: t(`deescalation.rules.${zone.rule}`) };
            return (
              <li key={`${zone.zone}-${zone.version ?? ''}`} data-zone={zone.zone} data-relation={zone.relation} data-breach={zone.breach ?? ''} className={zone.breach ? 'finding-breach' : undefined}>
                {zone.breach === 'intrusion'
                  ? t('deescalation.findings.areaInZone.intrusion', values)
                  : zone.breach === 'over-caps'
                    ? t('deescalation.findings.areaInZone.overCaps', values)
                    : t('deescalation.findings.areaInZone.meets', values)}
                {zone.exceeded && zone.exceeded.length > 0 && (
                  <ul className="deesc-list" data-testid="finding-exceeded">
                    {zone.exceeded.map((item) => (
                      <li key={`${item.what}-${item.aboveCalibreMm ?? ''}`}>{words.exceeded(item)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}

function NoticeOverlap({ payload }: DetailOf<NoticeOverlapDetail>) {
  const { detail } = payload;
  const checked = payload.checked.length;
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const kindName = (kind: string) => {
    const found = NOTICE_KINDS.find((candidate) => candidate === kind);
    return found === undefined ? kind : t(`deescalation.notice.kinds.${found}`);
  };
  const summary = t('deescalation.findings.noticeOverlap.clear', { count: checked });
  if (detail.notices.length === 0) return <FindingFrame payload={payload} summary={summary} />;
  return (
    <FindingFrame
      payload={payload}
      summary={summary}
      details={
        <>
          <p>{t('deescalation.findings.noticeOverlap.heading')}</p>
          <ul className="finding-list" data-testid="finding-notices">
            {detail.notices.map((notice) => (
              <li key={notice.notice} data-notice={notice.notice} data-party={notice.party} className="finding-breach">
                {t('deescalation.findings.noticeOverlap.item', {
                  party: isolate(partyName(notice.party)),
                  kind: kindName(notice.kind),
                  from: isolate(format.dateTime(notice.from)),
                  to: isolate(format.dateTime(notice.to)),
                })}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}

function NoticeLeadTime({ payload }: DetailOf<NoticeLeadTimeDetail>) {
  const { detail } = payload;
  const { t } = useTranslation();
  const words = useForcesWords();
  const values = { required: words.duration(detail.requiredMs), given: words.duration(detail.givenMs), late: words.duration(detail.lateByMs) };
  if (detail.lateByMs <= 0) return <FindingFrame payload={payload} summary={t('deescalation.findings.leadTime.onTime', values)} />;
  const text = detail.givenMs < 0 ? t('deescalation.findings.leadTime.started', values) : t('deescalation.findings.leadTime.late', values);
  return (
    <FindingFrame
      payload={payload}
      summary={text}
      details={
        <p className="finding-breach" data-testid="finding-late" data-late-ms={detail.lateByMs}>
          {text}
        </p>
      }
    />
  );
}

function ZoneAgainstNotices({ payload }: DetailOf<ZoneAgainstNoticesDetail>) {
  const { detail } = payload;
  const checked = payload.checked.length;
  const { t } = useTranslation();
  const words = useForcesWords();
  const partyName = usePartyName();
  const zoneName = useZoneName();
  const summary = t('deescalation.findings.zoneAgainstNotices.clear', { count: checked });
  if (detail.notices.length === 0 && detail.zones.length === 0) return <FindingFrame payload={payload} summary={summary} />;
  return (
    <FindingFrame
      payload={payload}
      summary={summary}
      details={
        <>
          {detail.notices.length > 0 && (
            <>
              <p>{t('deescalation.findings.zoneAgainstNotices.noticesHeading')}</p>
              <ul className="finding-list" data-testid="finding-notices">
                {detail.notices.map((notice) => (
                  <li key={notice.notice} data-notice={notice.notice} data-party={notice.party} data-breach={notice.breach} className="finding-breach">
                    {t(`deescalation.findings.zoneAgainstNotices.${notice.breach === 'intrusion' ? 'intrusion' : 'overCaps'}`, { party: isolate(partyName(notice.party)) })}
                    {notice.exceeded && notice.exceeded.length > 0 && (
                      <ul className="deesc-list">
                        {notice.exceeded.map((item) => (
                          <li key={`${item.what}-${item.aboveCalibreMm ?? ''}`}>{words.exceeded(item)}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {detail.zones.length > 0 && (
            <>
              <p>{t('deescalation.findings.zoneAgainstNotices.zonesHeading')}</p>
              <ul className="finding-list" data-testid="finding-zones">
                {detail.zones.map((zone) => (
                  <li key={zone.version} data-zone={zone.zone} className="finding-breach">
                    {zoneName(zone.version, undefined)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      }
    />
  );
}

/**
 * What the cell's automatic check found, and what it checked against. A clear finding is one
 * quiet line; a flagged one stands out with everything it met (the zone intruded, the caps
 * exceeded, the overlapping notices and when they overlap, how late a notice came), and says
 * the author's party is asked to acknowledge it.
 */
export function FindingContent({ payload }: { payload: FindingPayload }) {
  // The payload was read with the finding's schema, whose detail is the one its check declares.
  switch (payload.check) {
    case 'area-in-zone':
      return <AreaInZone payload={payload as DetailOf<AreaInZoneDetail>['payload']} />;
    case 'notice-overlap':
      return <NoticeOverlap payload={payload as DetailOf<NoticeOverlapDetail>['payload']} />;
    case 'notice-lead-time':
      return <NoticeLeadTime payload={payload as DetailOf<NoticeLeadTimeDetail>['payload']} />;
    case 'zone-against-notices':
      return <ZoneAgainstNotices payload={payload as DetailOf<ZoneAgainstNoticesDetail>['payload']} />;
  }
}

function FindingFrame({ payload, ...reading }: { payload: FindingPayload } & Reading) {
  const { t } = useTranslation();
  const check = t(`deescalation.findings.checks.${payload.check}`);
  if (payload.result === 'clear') {
    return (
      <p className="item-finding item-finding-clear" data-testid="finding-content" data-check={payload.check} data-result="clear" title={check}>
        <span aria-hidden="true">✓ </span>
        <span data-testid="finding-summary">{reading.summary}</span>
      </p>
    );
  }
  return (
    <div className="item-finding item-finding-flagged" data-testid="finding-content" data-check={payload.check} data-result="flagged" role="group" aria-label={check}>
      <p className="item-title">
        <span aria-hidden="true">⚑ </span>
        {t('deescalation.findings.flagged', { check })}
      </p>
      {reading.details ?? <p>{reading.summary}</p>}
      <p className="hint">{t('deescalation.findings.askedToAcknowledge')}</p>
    </div>
  );
}
