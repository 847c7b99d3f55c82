import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@fusion-cell/protocol';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useServerNow } from '../../components/use-now.ts';
import { formatDuration } from '../../components/deadline-countdown.tsx';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { ConveneForm } from '../items/convene-form.tsx';
import { FreeText } from '../items/free-text.tsx';
import { meetingQualifies } from '../items/item-actions.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { summarize } from '../items/item-summary.ts';
import { mayCreate } from '../items/permissions.ts';
import { useRequiredName, useTypeName } from '../items/type-names.ts';
import { parseLeaf } from '../../sync/verify-item.ts';

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
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const coordination = useCoordination();
  const graph = useItemGraph();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const typeName = useTypeName();
  const requiredName = useRequiredName();
  const [convening, setConvening] = useState(false);
  const envelope = parseLeaf(entry.leaf).signed?.envelope;
  const summary = envelope ? summarize(envelope.payload, entry.type) : undefined;
  const compartment = session.compartments.find((candidate) => candidate.id === entry.compartment);
  const canConvene =
    entry.type === 'explanation.request' &&
    compartment !== undefined &&
    mayCreate('meeting.convene', { roles: session.member.roles, partyKind: session.party.kind }, { compartmentKind: compartment.kind }) &&
    meetingQualifies(entry.item, graph, snapshot.members, coordination.overdue);
  return (
    <>
      <tr id={`overdue-${entry.item}-${entry.party}`} data-testid={`overdue-${entry.item}-${entry.party}`} data-party={entry.party} data-type={entry.type} data-escalated={entry.escalatedAt !== null}>
        <td>
          <strong>{partyName(entry.party)}</strong>
        </td>
        <td>{entry.kind === 'ack' ? t('watch.needsAction.ackOwed', { level: requiredName(entry.required) }) : t('watch.needsAction.replyOwed', { type: typeName(entry.required) })}</td>
        <td>
          <p>
            {typeName(entry.type)} · {t('watch.overdue.from', { party: partyName(entry.authorParty), compartment: compartmentName(entry.compartment) })}
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
          {canConvene && (
            <button type="button" className="button button-small" data-testid="overdue-convene" aria-expanded={convening} onClick={() => setConvening((open) => !open)}>
              {t('actions.convene')}
            </button>
          )}
        </td>
      </tr>
      {convening && canConvene && (
        <tr>
          <td colSpan={6}>
            <ConveneForm target={{ id: entry.item, compartment: entry.compartment, track: entry.track }} onDone={() => setConvening(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
