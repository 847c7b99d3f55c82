import { useTranslation } from 'react-i18next';
import { admiraltyGrade, tlpLabel, TLP_COLOURS, type Credibility, type Reliability, type Tlp } from '@fusion-cell/protocol';
import './intelligence.css';

/** The key of a marking's words: `AMBER+STRICT` has no `+` in its key. */
export const tlpKey = (tlp: Tlp) => (tlp === 'AMBER+STRICT' ? 'amberStrict' : (tlp.toLowerCase() as 'clear' | 'green' | 'amber' | 'red'));

/**
 * A TLP 2.0 label as the standard draws it: `TLP:AMBER` in its colour on black, written in
 * English whatever the reader's language (the standard's labels are not translated), with what it
 * means for the reader said in their language beside it when asked for.
 */
export function TlpLabel({ tlp, explain = false, testId = 'tlp-label' }: { tlp: Tlp; explain?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const colours = TLP_COLOURS[tlp];
  return (
    <span className="intel-tlp" data-testid={testId} data-tlp={tlp}>
      <span className="intel-tlp-label" dir="ltr" lang="en" style={{ color: colours.text, backgroundColor: colours.background }}>
        {tlpLabel(tlp)}
      </span>
      {explain && <span className="intel-tlp-meaning">{t(`intelligence.tlp.meaning.${tlpKey(tlp)}`)}</span>}
    </span>
  );
}

/** The Admiralty grades as analysts write them (`B2`), each spelled out in the reader's language. */
export function Grades({ reliability, credibility, compact = false }: { reliability: Reliability; credibility: Credibility; compact?: boolean }) {
  const { t } = useTranslation();
  const reliabilityWords = t(`intelligence.grades.reliabilityValues.${reliability}`);
  const credibilityWords = t(`intelligence.grades.credibilityValues.${String(credibility) as '1'}`);
  const grade = admiraltyGrade(reliability, credibility);
  if (compact) {
    return (
      <span className="intel-grade" data-testid="intel-grade" data-grade={grade} title={`${reliabilityWords} · ${credibilityWords}`}>
        <bdi dir="ltr">{grade}</bdi>
      </span>
    );
  }
  return (
    <dl className="intel-grades" data-testid="intel-grades" data-grade={grade}>
      <div>
        <dt>{t('intelligence.grades.reliability')}</dt>
        <dd>
          <span className="intel-grade" dir="ltr">
            {reliability}
          </span>{' '}
          {reliabilityWords}
        </dd>
      </div>
      <div>
        <dt>{t('intelligence.grades.credibility')}</dt>
        <dd>
          <span className="intel-grade" dir="ltr">
            {credibility}
          </span>{' '}
          {credibilityWords}
        </dd>
      </div>
    </dl>
  );
}
