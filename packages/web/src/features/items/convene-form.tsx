import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingMayBeConvened, type Inbox } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionPanelProps } from '../../item-types/web-item-type.ts';
import type { MemberView } from '../../sync/sync-types.ts';
import { FieldProblem, TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { localInputToIso } from '../forms/local-time.ts';
import { acknowledgmentsOf, answersOfType, type ItemGraph } from './item-graph.ts';

/**
 * Whether a meeting may be convened on a request: its reply is overdue (the overdue view says
 * so) or a reply to it was contested, and none was convened.
 */
export function meetingQualifies(requestId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, overdue: Inbox | null): boolean {
  if (answersOfType(requestId, graph, 'meeting.convene').length > 0) return false;
  return meetingMayBeConvened({
    replyOverdue: overdue?.entries.some((entry) => entry.item === requestId && entry.kind === 'reply') ?? false,
    replyContested: answersOfType(requestId, graph, 'explanation.reply').some((reply) => [...acknowledgmentsOf(reply.id, graph, members).values()].some((ack) => ack.level === 'contested')),
  }).allowed;
}

/** What the supervisor left out, said once for the whole form. */
function ConveneProblem() {
  const { t } = useTranslation();
  const { missing } = useItemFormContext();
  if (missing !== 'purpose' && missing !== 'proposedAt') return null;
  return <FieldProblem problem={{ text: t(`convene.missing.${missing}`), testId: 'convene-missing' }} field={missing} />;
}

/**
 * The supervisor convenes a meeting on an explanation request whose reply is overdue or
 * contested: its purpose, the proposed time, and where.
 */
export function ConveneForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState('');
  const [when, setWhen] = useState('');
  const [venue, setVenue] = useState('');

  const draft = (language: string) => {
    const proposedAt = localInputToIso(when);
    if (purpose.trim() === '') return { missing: 'purpose' };
    if (proposedAt === undefined) return { missing: 'proposedAt' };
    const payload: JsonObject = { purpose: purpose.trim(), proposedAt, language };
    if (venue.trim() !== '') payload['venue'] = venue.trim();
    return { payload };
  };

  return (
    <ItemForm type="meeting.convene" testId="convene" className="answer-form convene-form" place={target} references={[target.id]} draft={draft} onEntered={onDone}>
      <TextField field="purpose" label={t('convene.purpose')} testId="convene-purpose" rows={2} value={purpose} onChange={setPurpose} />
      <div className="answer-form-row">
        <TextField field="proposedAt" label={t('convene.proposedAt')} testId="convene-time" time value={when} onChange={setWhen} />
        <TextField field="venue" label={t('convene.venue')} testId="convene-venue" value={venue} onChange={setVenue} />
        <FormLanguage />
      </div>
      <ConveneProblem />
      <FormSubmit>{t('convene.submit')}</FormSubmit>
    </ItemForm>
  );
}
