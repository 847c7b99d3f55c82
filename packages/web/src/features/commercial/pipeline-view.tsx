import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { filterPipeline, pipelineSummary } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { FilterForm, usePipelineFilters } from './filter-form.tsx';
import { PipelineChart } from './pipeline-chart.tsx';
import { usePipeline } from './pipeline-state.ts';
import './commercial.css';

/** The pipeline's summary for the opportunities the filters keep: counts and value per status, as charts. */
export function PipelineView() {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const pipeline = usePipeline();
  const { filters } = usePipelineFilters();
  const entries = useMemo(() => filterPipeline(pipeline, filters), [pipeline, filters]);
  const summary = useMemo(() => pipelineSummary(entries), [entries]);
  return (
    <section className="commercial-view" aria-labelledby={headingId} data-testid="pipeline-view">
      <h2 id={headingId}>{t('commercial.pipeline.heading')}</h2>
      <p className="hint commercial-lead">{t('commercial.pipeline.lead')}</p>
      <FilterForm />
      <p className="pipeline-count" role="status" data-testid="pipeline-total" data-count={entries.length}>
        {t('commercial.board.count', { count: format.number(entries.length) })}
      </p>
      <PipelineChart summary={summary} />
    </section>
  );
}
