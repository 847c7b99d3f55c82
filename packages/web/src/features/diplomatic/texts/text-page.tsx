import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestedChange } from '@fusion-cell/protocol';
import { usePartyName } from '../../../components/use-names.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { DocumentStatusPanel } from '../../documents/document-status.tsx';
import { mayCreate } from '../../items/permissions.ts';
import type { JointText, TextSuggestion, TextVersion } from './joint-text-state.ts';
import { RedlineView } from './redline-view.tsx';
import { SignDialog } from './sign-dialog.tsx';
import { BracketForm, DecisionForm, SuggestionForm } from './text-actions.tsx';
import { draftFrom, withSuggestion, type TextDraft } from './text-draft.ts';
import { SignedTextPanel } from './text-commitments.tsx';
import { TextEditor } from './text-editor.tsx';
import { TextReader } from './text-reader.tsx';
import { textState } from './texts-list.tsx';

type Panel = { kind: 'bracket'; passage: string; action: 'raise' | 'lift' } | { kind: 'suggest' } | { kind: 'decide'; suggestion: string; decision: 'accepted' | 'rejected' } | { kind: 'editor' } | null;

/**
 * One joint text: the version chosen (the latest unless another is asked for), where it
 * stands, what the reader's party may do on it (bracket, suggest, initial and sign; the
 * pen-holder: decide on suggestions and issue the next version), and the redline.
 */
export function TextPage({ text, shown, onShow, signers }: { text: JointText; shown: TextVersion; onShow: (number: number) => void; signers: readonly string[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const partyName = usePartyName();
  const { snapshot } = useRecordSync();
  const { session } = useAuthenticated();
  const [panel, setPanel] = useState<Panel>(null);
  const [draft, setDraft] = useState<{ base: string; draft: TextDraft } | null>(null);
  const [skipped, setSkipped] = useState<SuggestedChange[]>([]);
  const { latest } = text;
  const party = session.party.id;
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const takesPart = latest.payload.parties.includes(party) || latest.payload.penHolder === party;
  // A signed text takes no more brackets or suggestions: only a new version reopens it.
  const takesChanges = shown.id === latest.id && textState(text) !== 'signed';
  const mayBracket = takesChanges && takesPart && mayCreate('joint.text.bracket', author);
  const maySuggest = takesChanges && latest.payload.parties.includes(party) && mayCreate('joint.text.suggestion', author);
  const isPenHolder = latest.payload.penHolder === party && mayCreate('joint.text', author);
  // The draft follows the latest version: a new version from elsewhere starts it again.
  const current = draft?.base === latest.id ? draft.draft : draftFrom(latest.payload);
  const toggle = (next: NonNullable<Panel>) => setPanel(JSON.stringify(panel) === JSON.stringify(next) ? null : next);
  const accept = (changes: readonly SuggestedChange[]) => {
    const applied = withSuggestion(current, changes);
    setDraft({ base: latest.id, draft: applied.draft });
    setSkipped(applied.skipped);
  };

  const passageActions = (passage: { id: string }) => {
    if (!mayBracket) return null;
    const own = text.openBrackets.some((bracket) => bracket.passage === passage.id && bracket.party === party);
    const action = own ? 'lift' : 'raise';
    const opened = panel?.kind === 'bracket' && panel.passage === passage.id;
    return (
      <div className="text-passage-actions">
        <button type="button" className="button button-small" data-testid={`passage-${passage.id}-${action}`} aria-expanded={opened} onClick={() => toggle({ kind: 'bracket', passage: passage.id, action })}>
          {t(`jointText.bracket.${action}`)}
        </button>
        {opened && <BracketForm compartment={text.compartment} version={latest.id} passage={passage.id} action={action} onDone={() => setPanel(null)} />}
      </div>
    );
  };

  return (
    <article className="text-page" aria-labelledby={headingId} data-testid="text-page" data-text={text.id} data-latest={latest.number} data-state={textState(text)} data-brackets={text.openBrackets.length}>
      <h3 id={headingId} className="visually-hidden">
        {latest.payload.title}
      </h3>
      <nav className="text-versions" aria-label={t('jointText.page.versions')}>
        {text.versions.map((version) => (
          <button key={version.id} type="button" className={version.id === shown.id ? 'button button-small button-pressed' : 'button button-small'} aria-pressed={version.id === shown.id} data-testid={`text-version-${version.number}`} onClick={() => onShow(version.number)}>
            {t('jointText.list.version', { number: version.number })}
          </button>
        ))}
      </nav>
      <dl className="text-facts">
        <div>
          <dt>{t('jointText.page.version')}</dt>
          <dd data-testid="text-version-number">{t('jointText.page.versionOf', { number: shown.number, count: text.versions.length })}</dd>
        </div>
        <div>
          <dt>{t('jointText.page.hash')}</dt>
          <dd>
            <code data-testid="text-version-hash" className="text-hash">
              {shown.id}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('jointText.page.penHolder')}</dt>
          <dd>{partyName(shown.payload.penHolder)}</dd>
        </div>
        {shown.payload.note !== undefined && (
          <div>
            <dt>{t('jointText.page.note')}</dt>
            <dd lang={shown.payload.language} dir="auto" data-testid="text-version-note">
              {shown.payload.note}
            </dd>
          </div>
        )}
      </dl>
      <DocumentStatusPanel item={shown.item} members={snapshot.members} />
      <SignDialog text={text} version={shown} />
      <SignedTextPanel text={text} />
      <TextReader version={shown} brackets={shown.id === latest.id ? text.openBrackets : []} actions={passageActions} />
      {maySuggest && (
        <div className="text-page-actions">
          <button type="button" className="button" data-testid="text-suggest-open" aria-expanded={panel?.kind === 'suggest'} onClick={() => toggle({ kind: 'suggest' })}>
            {t('actions.suggest')}
          </button>
          {panel?.kind === 'suggest' && <SuggestionForm compartment={text.compartment} version={latest} onDone={() => setPanel(null)} />}
        </div>
      )}
      <Suggestions text={text} panel={panel} toggle={toggle} mayDecide={isPenHolder} onAccepted={accept} onDone={() => setPanel(null)} />
      {isPenHolder && (
        <section className="text-page-editor" data-testid="text-editor-panel">
          <button type="button" className="button button-primary" data-testid="text-editor-open" aria-expanded={panel?.kind === 'editor'} onClick={() => toggle({ kind: 'editor' })}>
            {t('jointText.editor.open', { number: latest.number + 1 })}
          </button>
          {skipped.length > 0 && (
            <p className="message message-warning" data-testid="text-editor-skipped">
              {t('jointText.editor.skipped', { passages: skipped.map((change) => change.passage).join(', ') })}
            </p>
          )}
          {panel?.kind === 'editor' && (
            <TextEditor
              compartment={text.compartment}
              signers={signers}
              penHolder={latest.payload.penHolder}
              latest={latest}
              draft={current}
              onChange={(next) => setDraft({ base: latest.id, draft: next })}
              onEntered={() => {
                setPanel(null);
                setDraft(null);
                setSkipped([]);
              }}
            />
          )}
        </section>
      )}
      {text.versions.length > 1 && <RedlineView key={text.versions.length} versions={text.versions} />}
    </article>
  );
}

/** What a change proposes, in a line; the words it proposes are in the text's own language, whatever the suggestion's. */
function ChangeLine({ change, language }: { change: SuggestedChange; language: string }) {
  const { t } = useTranslation();
  return (
    <li data-testid="suggestion-change" data-kind={change.kind} data-passage={change.passage}>
      {t(`jointText.suggest.describe.${change.kind}`, { passage: change.passage, after: change.after ?? change.section ?? '' })}
      {change.text !== undefined && (
        <q lang={language} dir="auto">
          {change.text}
        </q>
      )}
    </li>
  );
}

/** The suggestions made on the text, each with its decision or, for the pen-holder, the buttons to decide. */
function Suggestions({ text, panel, toggle, mayDecide, onAccepted, onDone }: { text: JointText; panel: Panel; toggle: (panel: NonNullable<Panel>) => void; mayDecide: boolean; onAccepted: (changes: readonly SuggestedChange[]) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const headingId = useId();
  if (text.suggestions.length === 0) return null;
  const decideButton = (suggestion: TextSuggestion, decision: 'accepted' | 'rejected') => (
    <button type="button" className="button button-small" data-testid={`suggestion-${decision === 'accepted' ? 'accept' : 'reject'}`} onClick={() => toggle({ kind: 'decide', suggestion: suggestion.id, decision })}>
      {t(`jointText.decide.${decision === 'accepted' ? 'accept' : 'reject'}`)}
    </button>
  );
  return (
    <section className="text-suggestions" aria-labelledby={headingId} data-testid="text-suggestions">
      <h4 id={headingId}>{t('jointText.suggest.heading')}</h4>
      <ol>
        {text.suggestions.map((suggestion) => {
          const deciding = panel?.kind === 'decide' && panel.suggestion === suggestion.id ? panel.decision : undefined;
          return (
            <li key={suggestion.id} className="text-suggestion" data-testid={`suggestion-${suggestion.id}`} data-decision={suggestion.decision?.payload.decision ?? ''}>
              <p>
                {t('jointText.suggest.by', { party: partyName(suggestion.party ?? ''), number: suggestion.versionNumber })}
                {suggestion.decision && (
                  <span className={`text-decision text-decision-${suggestion.decision.payload.decision}`} data-testid="suggestion-decision">
                    {' · '}
                    {t(`jointText.decide.state.${suggestion.decision.payload.decision}`)}
                    {': '}
                    <span lang={suggestion.decision.payload.language} dir="auto">
                      {suggestion.decision.payload.reason}
                    </span>
                  </span>
                )}
              </p>
              <ul className="text-suggestion-changes">
                {suggestion.payload.changes.map((change, index) => (
                  <ChangeLine key={index} change={change} language={text.latest.payload.language} />
                ))}
              </ul>
              {suggestion.payload.reason !== undefined && (
                <p className="hint" lang={suggestion.payload.language} dir="auto">
                  {suggestion.payload.reason}
                </p>
              )}
              {mayDecide && !suggestion.decision && (
                <div className="text-editor-buttons">
                  {decideButton(suggestion, 'accepted')}
                  {decideButton(suggestion, 'rejected')}
                </div>
              )}
              {mayDecide && !suggestion.decision && deciding && <DecisionForm key={deciding} compartment={text.compartment} suggestion={suggestion} decision={deciding} onAccepted={onAccepted} onDone={onDone} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
