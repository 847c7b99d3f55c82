import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPINION_VALUES, type OpinionValue } from '@fusion-cell/protocol';
import type { ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { Choices, FormNote } from '../deescalation/form-parts.tsx';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm, type Draft } from '../forms/item-form.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { OpinionBadge } from './report-content.tsx';
import { opinionsOf } from './report-data.ts';

/**
 * The reader's party's assessment of another party's report, on STIX's agreement scale, with its
 * reasons. A new one stands in place of the party's current one, which the record keeps.
 */
export function OpinionForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const current = opinionsOf(target.id, graph, snapshot.members).find((entry) => entry.party === session.party.id);
  const [opinion, setOpinion] = useState<OpinionValue>('neutral');
  const [explanation, setExplanation] = useState('');
  const draft = (language: string): Draft<never> => (explanation.trim() === '' ? { missing: 'explanation' } : { payload: { opinion, explanation: explanation.trim(), language } });
  return (
    <ItemForm
      type="intel.opinion"
      testId="intel-opinion"
      className="answer-form deesc-form"
      place={target}
      references={[target.id]}
      draft={draft}
      onEntered={() => {
        setExplanation('');
        onDone?.();
      }}
    >
      {current && (
        <FormNote testId="intel-opinion-current">
          {t('intelligence.forms.opinion.current')} <OpinionBadge opinion={current.opinion} />
        </FormNote>
      )}
      <Choices legend={t('intelligence.forms.opinion.legend')} values={OPINION_VALUES} value={opinion} onChange={setOpinion} label={(value) => t(`intelligence.opinions.${value}`)} testId="intel-opinion-choice" className="intel-opinion-choices" />
      <TextField
        field="explanation"
        label={t('intelligence.forms.opinion.explanation')}
        testId="intel-opinion-explanation-input"
        rows={3}
        value={explanation}
        onChange={setExplanation}
        missing={{ text: t('intelligence.forms.opinion.explanationMissing'), testId: 'intel-opinion-explanation-missing' }}
      />
      <div className="answer-form-row">
        <FormLanguage />
        <FormSubmit>{t('intelligence.forms.opinion.submit')}</FormSubmit>
      </div>
    </ItemForm>
  );
}

export const opinionAction: ItemAction = { id: 'opinion', Panel: OpinionForm };
