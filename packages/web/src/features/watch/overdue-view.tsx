import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@fusion-cell/protocol';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useServerNow } from '../../components/use-now.ts';
import { formatDuration } from '../../components/deadline-countdown.tsx';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import type { ItemActionId } from '../../item-types/web-item-type.ts';
import { FreeText } from '../items/free-text.tsx';
import { ActionButton, offeredActions, useActionContext } from '../items/item-actions.tsx';
import { summarize } from '../items/item-summary.ts';
import { useInboxEntry } from './inbox-entry.tsx';

/**
 * The supervisor's view: every answer overdue across the parties of its compartments, who
 * owes what and since when, whether the cell escalated it; and, on an explanation request
 * left without its reply, the meeting the supervisor may convene.
 */
export function OverdueView() {
  const { t } = useTranslation();
  const { overdue } = useCoordination();
  return (
    <section className="watch-section overdue-view" aria-labelledby="overdue-heading" data-testid="overdue-view">
      <h2 id="overdue-heading">
        {t('watch.overdue.heading')}
        {overdue && (
          <span className="count-badge count-badge-bad" data-testid="overdue-count" data-count={overdue.entries.length}>
            {overdue.entries.length}
          </span>
        )}
      </h2>
      <p className="hint">{t('watch.overdue.hint')}</p>
      {overdue === null ? (
        <p className="hint">{t('watch.overdue.loading')}</p>
      ) : overdue.entries.length === 0 ? (
        <EmptyState title={t('watch.overdue.empty')} />
      ) : (
        <DataTable
          testId="overdue-table"
          caption={t('watch.overdue.heading')}
          columns={[t('watch.overdue.owes'), t('watch.overdue.what'), t('watch.overdue.item'), t('watch.overdue.since'), t('watch.overdue.escalated')]}
          actions
        >
          {overdue.entries.map((entry) => (
            <OverdueRow key={`${entry.item}-${entry.party}`} entry={entry} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function OverdueRow({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useServerNow();
  const partyName = usePartyName();
  const contextOf = useActionContext();
  const view = useInboxEntry(entry);
  const [open, setOpen] = useState<ItemActionId | null>(null);
  const envelope = view.item.signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, entry.type) : undefined;
  const remedies = view.target ? offeredActions(contextOf(view.target)).filter(({ action }) => action.onOverdue === true) : [];
  const panel = remedies.find(({ action }) => action.id === open)?.action;
  return (
    <>
      <tr id={`overdue-${entry.item}-${entry.party}`} data-testid={`overdue-${entry.item}-${entry.party}`} data-party={entry.party} data-type={entry.type} data-escalated={entry.escalatedAt !== null}>
        <td>
          <strong>{partyName(entry.party)}</strong>
        </td>
        <td>{view.owed}</td>
        <td>
          <p>
            {view.type} · {t('watch.overdue.from', view.from)}
          </p>
          {summary && <FreeText text={summary.text} language={summary.language} />}
        </td>
        <td className="cell-time">
          <span className="overdue-since">{t('countdown.overdue', { time: formatDuration(now - Date.parse(entry.dueAt), format.language) })}</span>
          <br />
          <span className="hint">{t('countdown.dueAt', { time: format.dateTime(entry.dueAt) })}</span>
        </td>
        <td className="cell-time">{entry.escalatedAt ? format.dateTime(entry.escalatedAt) : t('watch.overdue.notYet')}</td>
        <td className="cell-actions">
          {remedies.map(({ type, action }) => (
            <ActionButton key={`${type}-${action.id}`} id={action.id} testId={`overdue-${action.id}`} open={open === action.id} onToggle={() => setOpen(open === action.id ? null : action.id)} />
          ))}
        </td>
      </tr>
      {panel && (
        <tr>
          <td colSpan={6}>
            <panel.Panel target={view.answers} owed={undefined} onDone={() => setOpen(null)} />
          </td>
        </tr>
      )}
    </>
  );
}
