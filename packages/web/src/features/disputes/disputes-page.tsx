import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useServerNow } from '../../components/use-now.ts';
import { useFormatters } from '../../i18n/format.ts';
import { BoardCard } from './board-card.tsx';
import { BoardFilterForm, useBoardFilters } from './board-filter-form.tsx';
import { DisputeCharts } from './dispute-charts.tsx';
import { boardRow, closedRows, filterRows, openByStage, type BoardRow } from './dispute-board.ts';
import { deadlineOf } from './dispute-deadline.ts';
import { disputeStatistics, factsOf } from './dispute-statistics.ts';
import { useStateName } from './state-names.ts';
import { useDeadlineReading, useDisputeIndex } from './use-disputes.ts';
import './disputes.css';

const DAY_MS = 86_400_000;

/** Open disputes in a column per stage, each column saying how many it holds. */
function OpenColumns({ rows }: { rows: readonly BoardRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stateName = useStateName();
  const headingId = useId();
  return (
    <section className="dispute-section" aria-labelledby={headingId} data-testid="dispute-board-open">
      <h2 id={headingId}>{t('disputes.board.openHeading')}</h2>
      <div className="board-columns dispute-columns">
        {openByStage(rows).map(({ stage, rows: inStage }) => (
          <section key={stage} className="board-column" aria-labelledby={`${headingId}-${stage}`} data-testid={`dispute-column-${stage}`} data-count={inStage.length}>
            <h3 id={`${headingId}-${stage}`} className="board-column-heading">
              <span>{stateName(stage)}</span>
              <span className="board-column-count">{format.number(inStage.length)}</span>
            </h3>
            {inStage.length === 0 ? (
              <p className="hint board-column-empty">{t('disputes.board.none')}</p>
            ) : (
              <ul className="board-cards">
                {inStage.map((row) => (
                  <li key={row.id}>
                    <BoardCard row={row} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

/** Closed disputes, the latest first, below the open ones. */
function ClosedList({ rows }: { rows: readonly BoardRow[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="dispute-section" aria-labelledby={headingId} data-testid="dispute-board-closed" data-count={rows.length}>
      <h2 id={headingId}>{t('disputes.board.closedHeading')}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t('disputes.board.noneClosed')}</p>
      ) : (
        <ul className="board-cards dispute-closed-list">
          {rows.map((row) => (
            <li key={row.id}>
              <BoardCard row={row} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The dispute board: every dispute of the reader's compartments, the open ones by stage with
 * their age and the time to their next deadline (overdue marked), the closed ones below, filtered
 * by track, stage and status; then how disputes went over time, as charts. Computed here from the
 * record verified in this browser.
 */
export function DisputesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const index = useDisputeIndex();
  const reading = useDeadlineReading();
  const now = useServerNow();
  const { filters } = useBoardFilters();
  const records = useMemo(() => [...index.disputes.values()], [index]);
  const deadlines = useMemo(() => new Map(records.map((record) => [record.id, deadlineOf(record, reading)])), [records, reading]);
  const rows = records.map((record) => boardRow(record, deadlines.get(record.id), now));
  const shown = filterRows(rows, filters);
  // Statistics move with the record, not with the second hand: counted up to the end of today.
  const endOfToday = (Math.floor(now / DAY_MS) + 1) * DAY_MS - 1;
  const statistics = useMemo(() => disputeStatistics(records.map(factsOf), endOfToday), [records, endOfToday]);
  return (
    <div className="page disputes-page" data-testid="page-disputes" data-count={records.length}>
      <PageHeading title={t('disputes.title')}>
        <p className="page-lead">{t('disputes.description')}</p>
      </PageHeading>
      {records.length === 0 ? (
        <EmptyState title={t('disputes.empty')}>
          <p>{t('disputes.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <BoardFilterForm />
          <p role="status" data-testid="dispute-board-count" data-count={shown.length}>
            {t('disputes.board.count', { shown: format.number(shown.length), total: format.number(rows.length) })}
          </p>
          {filters.status !== 'closed' && <OpenColumns rows={shown} />}
          {filters.status !== 'open' && <ClosedList rows={closedRows(shown)} />}
          <DisputeCharts statistics={statistics} />
        </>
      )}
    </div>
  );
}
