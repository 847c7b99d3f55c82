import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { COMMITMENT_STATUSES, RTL_LANGUAGES, type CommitmentStatus } from '@fusion-cell/protocol';
import { DeadlineCountdown } from '../../../components/deadline-countdown.tsx';
import { usePartyName } from '../../../components/use-names.ts';
import { useFormatters } from '../../../i18n/format.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { FormField } from '../../forms/form-field.tsx';
import { itemInThread, type TrackViewProps } from '../../tracks/track-views.ts';
import { CommitmentStatusBadge } from './commitment-content.tsx';
import { useCommitments, type CommitmentEntry } from './commitment-state.ts';
import './commitments.css';

const ALL = '';

/** The filters, kept in the address: `?status=overdue&owner=sy`. */
function useCommitmentFilters() {
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') ?? ALL;
  const owner = search.get('owner') ?? ALL;
  const set = (key: string, value: string) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (value === ALL) next.delete(key);
      else next.set(key, value);
      return next;
    });
  return { status, owner, setStatus: (value: string) => set('status', value), setOwner: (value: string) => set('owner', value) };
}

function CommitmentCard({ entry }: { entry: CommitmentEntry }) {
  const format = useFormatters();
  const { t } = useTranslation();
  return (
    <article className="commitment-card" data-testid={`commitment-card-${entry.item.id}`} data-status={entry.status} data-owner={entry.payload.owner}>
      <CommitmentStatusBadge status={entry.status} testId="commitment-card-status" />
      <p className="commitment-card-title" lang={entry.payload.language} dir={RTL_LANGUAGES.has(entry.payload.language) ? 'rtl' : 'ltr'}>
        <Link to={itemInThread(entry.item.compartment, entry.item.id)} data-testid="commitment-card-link">
          {entry.payload.undertaking.length > 160 ? `${entry.payload.undertaking.slice(0, 160)}…` : entry.payload.undertaking}
        </Link>
      </p>
      {entry.status === 'open' || entry.status === 'overdue' ? (
        <DeadlineCountdown dueAt={entry.payload.due} escalatedAt={null} />
      ) : (
        <p className="hint">{t('meetings.commitment.dueAt', { time: format.dateTime(entry.payload.due) })}</p>
      )}
    </article>
  );
}

/**
 * The commitments board: a column per owner party, each sorted by due date, with every
 * commitment's status (open, overdue, reported, verified, disputed) computed here from the
 * record and the clock; filtered by status and owner; counted by status.
 */
export function CommitmentsView(_props: TrackViewProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const headingId = useId();
  const { cell } = useAuthenticated();
  const commitments = useCommitments();
  const filters = useCommitmentFilters();
  const owners = useMemo(() => {
    const named = new Set(commitments.map((entry) => entry.payload.owner));
    return cell.parties.map((party) => party.id).filter((party) => named.has(party));
  }, [commitments, cell]);
  const shown = commitments.filter((entry) => (filters.status === ALL || entry.status === filters.status) && (filters.owner === ALL || entry.payload.owner === filters.owner));
  const counts = (status: CommitmentStatus) => shown.filter((entry) => entry.status === status).length;
  const columns = filters.owner === ALL ? owners : [filters.owner];
  return (
    <section className="commitments-view" aria-labelledby={headingId} data-testid="commitments-view" data-count={shown.length}>
      <h2 id={headingId}>{t('meetings.board.heading')}</h2>
      <p className="hint">{t('meetings.board.lead')}</p>
      <div className="commitments-filters">
        <FormField label={t('meetings.board.status')}>
          {(id) => (
            <select id={id} data-testid="commitments-filter-status" value={filters.status} onChange={(event) => filters.setStatus(event.target.value)}>
              <option value={ALL}>{t('meetings.board.all')}</option>
              {COMMITMENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`meetings.commitmentStatuses.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('meetings.board.owner')}>
          {(id) => (
            <select id={id} data-testid="commitments-filter-owner" value={filters.owner} onChange={(event) => filters.setOwner(event.target.value)}>
              <option value={ALL}>{t('meetings.board.all')}</option>
              {cell.parties.map((party) => (
                <option key={party.id} value={party.id}>
                  {partyName(party.id)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <ul className="commitments-counts" role="status" data-testid="commitments-counts">
        {COMMITMENT_STATUSES.map((status) => (
          <li key={status} data-testid={`commitments-count-${status}`} data-count={counts(status)}>
            <CommitmentStatusBadge status={status} testId={`commitments-count-badge-${status}`} /> {format.number(counts(status))}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="hint">{t('meetings.board.empty')}</p>}
      <div className="commitments-columns" data-testid="commitments-columns">
        {columns.map((owner) => {
          const entries = shown.filter((entry) => entry.payload.owner === owner);
          return (
            <section key={owner} className="commitments-column" data-testid={`commitments-column-${owner}`} data-count={entries.length} aria-label={partyName(owner)}>
              <h3 className="commitments-column-heading">
                {partyName(owner)} <span className="commitments-column-count">{format.number(entries.length)}</span>
              </h3>
              {entries.length === 0 ? (
                <p className="hint">{t('meetings.board.none')}</p>
              ) : (
                <ul className="commitments-cards">
                  {entries.map((entry) => (
                    <li key={entry.item.id}>
                      <CommitmentCard entry={entry} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
