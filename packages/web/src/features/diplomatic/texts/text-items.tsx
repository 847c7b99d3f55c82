import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { passagesOf, type JointTextBracketPayload, type JointTextDecisionPayload, type JointTextPayload, type JointTextSuggestionPayload, type PartyKind } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../../item-types/web-item-type.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { FreeText } from '../../items/free-text.tsx';
import { useItemGraph, type ItemGraph } from '../../items/item-graph.ts';
import { jointTextOf, type JointText } from './joint-text-state.ts';
import { BracketForm, DecisionForm, SuggestionForm } from './text-actions.tsx';

/** Where a text is read and worked on: the diplomatic track's texts view, opened on it. */
export function textLink(text: string): string {
  return `/tracks/diplomatic?${new URLSearchParams({ view: 'texts', text }).toString()}`;
}

/** The item an envelope was read from, found by identity in the graph of the record verified here. */
function useItemOf(envelope: Envelope): string | undefined {
  const graph = useItemGraph();
  for (const item of graph.byId.values()) if (item.signed?.envelope === envelope) return item.id;
  return undefined;
}

/** A version of the text in a thread: its title, its size, what it changes, and where to work on it. */
export function JointTextContent({ payload, envelope }: { payload: JointTextPayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const id = useItemOf(envelope);
  const first = envelope.references[0] ?? id;
  return (
    <div className="item-joint-text" data-testid="joint-text-content">
      <FreeText text={payload.title} language={payload.language} className="item-title" />
      <p className="hint">{t('jointText.item.sections', { count: passagesOf(payload).length, sections: payload.sections.length })}</p>
      {payload.note !== undefined && <FreeText text={payload.note} language={payload.language} />}
      {first !== undefined && (
        <Link to={textLink(first)} data-testid="joint-text-open">
          {t('jointText.item.open')}
        </Link>
      )}
    </div>
  );
}

export function JointTextBracketContent({ payload }: { payload: JointTextBracketPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="joint-text-bracket-content" data-action={payload.action} data-passage={payload.passage}>
      <p className="item-title">{t(`jointText.item.${payload.action === 'raise' ? 'raised' : 'lifted'}`, { passage: payload.passage })}</p>
      {payload.reason !== undefined && <FreeText text={payload.reason} language={payload.language} />}
    </div>
  );
}

export function JointTextSuggestionContent({ payload }: { payload: JointTextSuggestionPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="joint-text-suggestion-content" data-count={payload.changes.length}>
      <p className="item-title">{t('jointText.item.changes', { count: payload.changes.length })}</p>
      <ul>
        {payload.changes.map((change, index) => (
          <li key={index}>
            {t(`jointText.suggest.describe.${change.kind}`, { passage: change.passage, after: change.after ?? change.section ?? '' })}
            {change.text !== undefined && (
              <q lang={payload.language} dir="auto">
                {change.text}
              </q>
            )}
          </li>
        ))}
      </ul>
      {payload.reason !== undefined && <FreeText text={payload.reason} language={payload.language} />}
    </div>
  );
}

export function JointTextDecisionContent({ payload }: { payload: JointTextDecisionPayload }) {
  const { t } = useTranslation();
  return (
    <div data-testid="joint-text-decision-content" data-decision={payload.decision}>
      <p className={`item-title text-decision-${payload.decision}`}>{t(`jointText.decide.state.${payload.decision}`)}</p>
      <FreeText text={payload.reason} language={payload.language} />
    </div>
  );
}

function textIn(versionId: string, { graph, members, cell, target }: Pick<ActionContext, 'graph' | 'members' | 'cell' | 'target'>): JointText | undefined {
  const partiesOf = () => target.compartment.parties.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  return jointTextOf(versionId, graph, members, partiesOf);
}

/** The text a panel acts on, from the record verified here; undefined when the item is not a version of one. */
function usePanelText(versionId: string | undefined, graph: ItemGraph): JointText | undefined {
  const { snapshot } = useRecordSync();
  const { session, cell } = useAuthenticated();
  if (versionId === undefined || !graph.byId.has(versionId)) return undefined;
  const partiesOf = (compartment: string) =>
    (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  return jointTextOf(versionId, graph, snapshot.members, partiesOf);
}

function SuggestPanel({ target, onDone }: ActionPanelProps) {
  const graph = useItemGraph();
  const text = usePanelText(target.id, graph);
  if (!text) return null;
  return <SuggestionForm compartment={target.compartment} version={text.latest} onDone={() => onDone?.()} />;
}

/** Brackets a passage of the version from its thread, or lifts the party's own bracket on it. */
function BracketPanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const text = usePanelText(target.id, graph);
  const passages = text ? passagesOf(text.latest.payload) : [];
  const [passage, setPassage] = useState(passages[0]?.id ?? '');
  if (!text) return null;
  return (
    <div className="text-thread-bracket">
      <label className="field">
        {t('jointText.suggest.passage')}
        <select data-testid="bracket-passage" value={passage} onChange={(event) => setPassage(event.target.value)}>
          {passages.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.id}
            </option>
          ))}
        </select>
      </label>
      <BracketForm key={passage} compartment={target.compartment} version={text.latest.id} passage={passage} action="raise" onDone={() => onDone?.()} />
    </div>
  );
}

/** The pen-holder accepts or rejects a suggestion from its thread; accepted changes go into the next version composed in the texts view. */
function DecidePanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const [decision, setDecision] = useState<'accepted' | 'rejected'>('accepted');
  const text = usePanelText(graph.byId.get(target.id)?.signed?.envelope.references[0], graph);
  const suggestion = text?.suggestions.find((entry) => entry.id === target.id);
  if (!suggestion) return null;
  return (
    <div className="text-thread-decide">
      <div className="text-editor-buttons">
        {(['accepted', 'rejected'] as const).map((value) => (
          <button key={value} type="button" className={decision === value ? 'button button-small button-pressed' : 'button button-small'} aria-pressed={decision === value} data-testid={`decide-choice-${value}`} onClick={() => setDecision(value)}>
            {t(`jointText.decide.${value === 'accepted' ? 'accept' : 'reject'}`)}
          </button>
        ))}
      </div>
      <DecisionForm key={decision} compartment={target.compartment} suggestion={suggestion} decision={decision} onAccepted={() => undefined} onDone={() => onDone?.()} />
    </div>
  );
}

/** The latest version of a text not yet signed: a signed one takes no more brackets or suggestions. */
const isLatestVersion = (context: ActionContext) => {
  const text = context.target.type === 'joint.text' ? textIn(context.target.id, context) : undefined;
  return text?.latest.id === context.target.id && text.document.status.latest.state !== 'in-force';
};
const takesPart = (context: ActionContext) => {
  const text = textIn(context.target.id, context);
  return text !== undefined && (text.latest.payload.parties.includes(context.reader.party) || text.latest.payload.penHolder === context.reader.party);
};

/** Offered on the latest version to the parties that sign it. */
export const suggestAction: ItemAction = { id: 'suggest', offered: (context) => isLatestVersion(context) && textIn(context.target.id, context)?.latest.payload.parties.includes(context.reader.party) === true, Panel: SuggestPanel };

/** Offered on the latest version to the parties that take part; lifting is done in the texts view, where each bracket shows. */
export const bracketAction: ItemAction = { id: 'bracket', offered: (context) => isLatestVersion(context) && takesPart(context), Panel: BracketPanel };

/** Offered to the pen-holder's party on a suggestion not yet decided. */
export const decideAction: ItemAction = {
  id: 'decide',
  offered: (context) => {
    const version = context.graph.byId.get(context.target.id)?.signed?.envelope.references[0];
    const text = version === undefined ? undefined : textIn(version, context);
    const suggestion = text?.suggestions.find((entry) => entry.id === context.target.id);
    return suggestion !== undefined && suggestion.decision === undefined && text?.latest.payload.penHolder === context.reader.party;
  },
  Panel: DecidePanel,
};
