import { useTranslation } from 'react-i18next';
import type { ZonePayload, ZoneRule } from '@fusion-cell/protocol';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { AreaSummary } from '../items/hotline-content.tsx';
import { useForcesWords } from './forces-words.ts';
import './deescalation.css';

/** A zone's rule in words: no forces at all, or forces within caps, each cap on its own line. */
export function ZoneRuleText({ rule }: { rule: ZoneRule }) {
  const { t } = useTranslation();
  const words = useForcesWords();
  const caps = rule.kind === 'limited-forces' ? words.caps(rule.caps) : [];
  return (
    <div className={`zone-rule zone-rule-${rule.kind}`} data-testid="zone-rule" data-rule={rule.kind}>
      <p className="zone-rule-name">
        <span className={`tag zone-rule-tag zone-rule-tag-${rule.kind}`}>{t(`deescalation.rules.${rule.kind}`)}</span> {t(`deescalation.ruleExplained.${rule.kind}`)}
      </p>
      {rule.kind === 'limited-forces' &&
        (caps.length > 0 ? (
          <ul className="deesc-list" data-testid="zone-caps">
            {caps.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('deescalation.caps.none')}</p>
        ))}
    </div>
  );
}

/**
 * A version of an agreed zone: its name in the reader's language (the English one when it has
 * none in it), its rule and caps in words, the article that sets it, and whether its geometry
 * is only illustrative. Where it stands (proposed, in force) is the document status under it.
 */
export function ZoneContent({ payload }: { payload: ZonePayload }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = pickLocalized(payload.name, language);
  return (
    <div className="item-fields item-zone" data-testid="zone-content" data-rule={payload.rule.kind} data-illustrative={payload.illustrative === true}>
      <FreeText text={name.value} language={name.language} className="item-title" testId="zone-name" />
      {payload.illustrative === true && (
        <p className="deesc-badges">
          <span className="tag tag-illustrative" data-testid="zone-illustrative">
            {t('deescalation.zone.illustrative')}
          </span>
        </p>
      )}
      <ZoneRuleText rule={payload.rule} />
      {payload.article !== undefined && (
        <Field label={t('deescalation.zone.article')} testId="zone-article">
          <FreeText text={payload.article} language={undefined} />
        </Field>
      )}
      {payload.description !== undefined && (
        <Field label={t('deescalation.zone.description')}>
          <FreeText text={payload.description} language={payload.language} testId="zone-description" />
        </Field>
      )}
      <AreaSummary area={payload.area} />
    </div>
  );
}
