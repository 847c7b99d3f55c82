import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { disputeIsOpen } from '@fusion-cell/protocol';
import { formatDuration } from '../../components/deadline-countdown.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import type { BoardRow } from './dispute-board.ts';
import { disputePath } from './dispute-links.ts';
import { formatSpan } from './durations.ts';
import { useStateName } from './state-names.ts';

/** The response the dispute awaits: from whom, and the time left or past, marked in words and a symbol when overdue. */
function NextDeadline({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const { next } = row;
  if (!disputeIsOpen(row.state)) return null;
  if (!next) return <p className="hint dispute-card-next">{t('disputes.page.awaitingSupervisor')}</p>;
  const left = formatDuration(Math.abs(next.leftMs), format.language);
  const dueAt = new Date(next.dueAt).toISOString();
  return (
    <div className="dispute-card-next" data-testid="dispute-card-next" data-overdue={next.overdue} data-due-at={dueAt}>
      <p className={next.overdue ? 'dispute-card-countdown dispute-card-overdue' : 'dispute-card-countdown'}>
        <span aria-hidden="true">{next.overdue ? '⚠ ' : '◷ '}</span>
        {next.overdue ? t('countdown.overdue', { time: left }) : t('countdown.dueIn', { time: left })}
      </p>
      <p className="dispute-card-owed">
        <span>{t('disputes.board.owedBy', { parties: format.list(next.awaiting.map(partyName)) })}</span>
        {next.escalated && (
          <span className="tag tag-escalated" data-testid="dispute-card-escalated">
            {t('disputes.board.escalated')}
          </span>
        )}
      </p>
    </div>
  );
}

/** One dispute on the board: its subject (linking to its page), between whom, in which track, how long open, and its next deadline or outcome. */
export function BoardCard({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const stateName = useStateName();
  const open = disputeIsOpen(row.state);
  return (
    <article
      className={`dispute-card${row.next?.overdue ? ' dispute-card-late' : ''}${open ? '' : ' dispute-card-closed'}`}
      data-testid={`dispute-card-${row.id}`}
      data-state={row.state}
      data-track={row.track}
      data-overdue={row.next?.overdue ?? false}
      data-escalated={row.next?.escalated ?? false}
    >
      <h4 className="dispute-card-title">
        <Link to={disputePath(row.id)} lang={row.language} dir="auto" data-testid="dispute-card-link">
          {row.subject}
        </Link>
      </h4>
      <p className="dispute-card-parties">{t('disputes.board.between', { raiser: partyName(row.raiser ?? ''), respondents: format.list(row.respondents.map(partyName)) })}</p>
      <p className="dispute-card-facts">
        <span className="tag">{t(`tracks.${row.track}.name`)}</span>
        {!open && <span className={`tag dispute-outcome dispute-outcome-${row.state}`}>{stateName(row.state)}</span>}
        <span data-testid="dispute-card-age">{open ? t('disputes.board.age', { age: formatSpan(row.ageMs, format.language) }) : t('disputes.board.lasted', { age: formatSpan(row.ageMs, format.language) })}</span>
      </p>
      <NextDeadline row={row} />
    </article>
  );
}
