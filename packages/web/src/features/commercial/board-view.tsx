import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { filterPipeline, PIPELINE_STATUSES, type OpportunityMove, type PipelineEntry, type PipelineStatus } from '@fusion-cell/protocol';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { shortLabel } from '../deescalation-map/map-features.ts';
import { mayCreate } from '../items/permissions.ts';
import { itemInThread } from '../tracks/track-views.ts';
import { InterestForm, MoveForm } from './answer-forms.tsx';
import { FilterForm, usePipelineFilters } from './filter-form.tsx';
import { useMoney } from './money.ts';
import { OpportunityForm } from './opportunity-form.tsx';
import { movesFrom, takesInterest, usePipeline } from './pipeline-state.ts';
import { StatusBadge } from './status-badge.tsx';
import './commercial.css';

/** What the reader may do on a card: its party's moves, or another party's interest. */
type CardPanel = { kind: 'move'; to: OpportunityMove } | { kind: 'interest' } | null;

/**
 * The commercial board: every opportunity of the reader's compartments in a column per status,
 * filtered by sector, proposing party and words; the proposer's party moves its own from the
 * card, the others express interest there. Computed here from the record verified in this
 * browser, so a move shows the moment it arrives.
 */
export function BoardView() {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const { session } = useAuthenticated();
  const pipeline = usePipeline();
  const { filters, filtered } = usePipelineFilters();
  const entries = useMemo(() => filterPipeline(pipeline, filters), [pipeline, filters]);
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const mayPropose = session.compartments.some((compartment) => mayCreate('opportunity', author, { compartmentKind: compartment.kind, track: 'commercial' }));
  return (
    <section className="commercial-view" aria-labelledby={headingId} data-testid="board-view">
      <h2 id={headingId}>{t('commercial.board.heading')}</h2>
      <p className="hint commercial-lead">{t('commercial.board.lead')}</p>
      {mayPropose && (
        <details className="compose" data-testid="board-propose-panel">
          <summary className="compose-heading">{t('commercial.form.heading')}</summary>
          <OpportunityForm />
        </details>
      )}
      <FilterForm />
      <p className="pipeline-count" role="status" data-testid="board-count" data-count={entries.length}>
        {t('commercial.board.count', { count: format.number(entries.length) })}
      </p>
      {entries.length === 0 && <p className="hint">{filtered ? t('commercial.board.empty') : t('commercial.board.emptyAll')}</p>}
      <div className="board-columns" data-testid="board-columns">
        {PIPELINE_STATUSES.map((status) => (
          <BoardColumn key={status} status={status} entries={entries.filter((entry) => entry.status === status)} />
        ))}
      </div>
    </section>
  );
}

function BoardColumn({ status, entries }: { status: PipelineStatus; entries: readonly PipelineEntry[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  return (
    <section className={`board-column board-column-${status}`} aria-labelledby={headingId} data-testid={`board-column-${status}`} data-count={entries.length}>
      <h3 id={headingId} className="board-column-heading">
        <StatusBadge status={status} testId={`board-column-status-${status}`} />
        <span className="board-column-count">{format.number(entries.length)}</span>
      </h3>
      {entries.length === 0 ? (
        <p className="hint board-column-empty">{t('commercial.board.none')}</p>
      ) : (
        <ul className="board-cards">
          {entries.map((entry) => (
            <li key={entry.opportunity}>
              <OpportunityCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One opportunity on the board: what it is, worth and by whom, and what the reader's party may do with it. */
function OpportunityCard({ entry }: { entry: PipelineEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const money = useMoney();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const { session } = useAuthenticated();
  const [panel, setPanel] = useState<CardPanel>(null);
  const compartment = session.compartments.find((candidate) => candidate.id === entry.compartment);
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const where = { compartmentKind: compartment?.kind, track: 'commercial' as const };
  const own = entry.proposedBy === session.party.id;
  const moves = own && mayCreate('opportunity.move', author, where) ? movesFrom(entry.status) : [];
  // Once its party said it is interested, a reader follows the opportunity rather than saying so again.
  const alreadyInterested = entry.interests.some((interest) => interest.party === session.party.id);
  const mayInterest = !own && !alreadyInterested && takesInterest(entry.status) && mayCreate('interest', author, where);
  const target = { id: entry.opportunity, compartment: entry.compartment, track: 'commercial' as const };
  const { payload } = entry;
  return (
    <article className="board-card" data-testid={`opportunity-card-${entry.opportunity}`} data-status={entry.status} data-sector={payload.sector} data-party={entry.proposedBy}>
      <p className="board-card-sector">{t(`commercial.sectors.${payload.sector}`)}</p>
      <h4 className="board-card-title">
        <Link to={itemInThread(entry.compartment, entry.opportunity)} lang={payload.language} dir="auto" title={payload.title} data-testid="opportunity-card-link">
          {shortLabel(payload.title, 120)}
        </Link>
      </h4>
      <p className="board-card-value" data-testid="opportunity-card-value">
        <bdi>{money.range(payload.value)}</bdi>
      </p>
      <dl className="board-card-facts">
        <div>
          <dt>{t('commercial.board.proposedBy')}</dt>
          <dd>{partyName(entry.proposedBy)}</dd>
        </div>
        <div>
          <dt>{t('commercial.board.since')}</dt>
          <dd>
            <time dateTime={new Date(entry.since).toISOString()}>{format.dateTime(new Date(entry.since).toISOString())}</time>
          </dd>
        </div>
        <div>
          <dt>{t('commercial.board.where')}</dt>
          <dd>{compartment ? compartmentName(compartment) : entry.compartment}</dd>
        </div>
        {entry.interests.length > 0 && (
          <div>
            <dt>{t('commercial.board.interested')}</dt>
            <dd data-testid="opportunity-card-interests" data-count={entry.interests.length}>
              {format.list([...new Set(entry.interests.map((interest) => partyName(interest.party)))])}
            </dd>
          </div>
        )}
      </dl>
      {(moves.length > 0 || mayInterest) && (
        <div className="board-card-actions">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={panel?.kind === 'move' && panel.to === to ? 'button button-small button-pressed' : 'button button-small'}
              aria-expanded={panel?.kind === 'move' && panel.to === to}
              onClick={() => setPanel(panel?.kind === 'move' && panel.to === to ? null : { kind: 'move', to })}
              data-testid={`opportunity-move-${to}`}
            >
              {t(`commercial.move.button.${to}`)}
            </button>
          ))}
          {mayInterest && (
            <button
              type="button"
              className={panel?.kind === 'interest' ? 'button button-small button-pressed' : 'button button-small'}
              aria-expanded={panel?.kind === 'interest'}
              onClick={() => setPanel(panel?.kind === 'interest' ? null : { kind: 'interest' })}
              data-testid="opportunity-interest-open"
            >
              {t('actions.expressInterest')}
            </button>
          )}
        </div>
      )}
      {panel?.kind === 'move' && moves.includes(panel.to) && <MoveForm key={panel.to} target={target} moves={[panel.to]} initial={panel.to} onDone={() => setPanel(null)} testId="board-move" />}
      {panel?.kind === 'interest' && mayInterest && <InterestForm target={target} onDone={() => setPanel(null)} testId="board-interest" />}
    </article>
  );
}
