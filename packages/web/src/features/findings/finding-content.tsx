import { useTranslation } from 'react-i18next';
import type { AreaInZoneDetail, FindingPayload } from '@fusion-cell/protocol';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';

/** What the cell's automatic check found: flagged findings stand out; the detail says what was met. */
export function FindingContent({ payload }: { payload: FindingPayload }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zones = payload.check === 'area-in-zone' ? (payload.detail as AreaInZoneDetail).zones : [];
  return (
    <div className={`item-finding item-finding-${payload.result}`} data-testid="finding-content" data-check={payload.check} data-result={payload.result}>
      <p className="item-title">
        {payload.result === 'flagged' && <span aria-hidden="true">⚑ </span>}
        {t(`items.findings.checks.${payload.check}`)}: {t(`items.findings.results.${payload.result}`)}
      </p>
      {zones.length > 0 && (
        <ul className="item-finding-zones">
          {zones.map((zone) => (
            <li key={zone.zone} data-zone={zone.zone}>
              {t(`items.findings.relations.${zone.relation}`, { zone: pickLocalized(zone.name, language).value, rule: t(`items.findings.rules.${zone.rule}`) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
