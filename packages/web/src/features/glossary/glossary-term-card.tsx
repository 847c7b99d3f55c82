import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Track } from '@fusion-cell/protocol';
import { useAuthenticated } from '../auth/session-context.ts';
import { DocumentStatusPanel } from '../documents/document-status.tsx';
import { signAction, SignForm } from '../documents/sign-form.tsx';
import { Field, FreeText } from '../items/free-text.tsx';
import { ActionButton, useActionContext } from '../items/item-actions.tsx';
import { authorPartyOf } from '../items/item-graph.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { GlossaryTermForm } from './glossary-term-form.tsx';
import type { GlossaryEntry, TermVersion } from './glossary-state.ts';

/** A version's words: the term in its language, then the agreed word in each other language of the cell. */
function TermWords({ version }: { version: TermVersion }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const { payload } = version;
  const others = cell.languages.filter((language) => language !== payload.language);
  return (
    <>
      <div className="glossary-card-head">
        <FreeText text={payload.term} language={payload.language} className="glossary-term" testId="glossary-term-text" glossary={false} />
        <span className="tag" data-testid="glossary-term-language" data-language={payload.language}>
          {t('understanding.glossary.termLanguage', { language: t(`language.names.${payload.language}`) })}
        </span>
        <span className="tag">{t('understanding.glossary.version', { number: version.status.number })}</span>
      </div>
      {others.length > 0 && (
        <dl className="glossary-words">
          {others.map((language) => {
            const word = payload.equivalents?.[language];
            return (
              <div key={language} data-testid={`glossary-equivalent-${language}`} data-agreed={word !== undefined}>
                <dt>{t(`language.names.${language}`)}</dt>
                <dd>{word === undefined ? <span className="glossary-missing">{t('understanding.glossary.noEquivalent')}</span> : <FreeText text={word} language={language} glossary={false} />}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {payload.definition !== undefined && (
        <Field label={t('items.fields.definition')}>
          <FreeText text={payload.definition} language={payload.language} testId="glossary-definition" />
        </Field>
      )}
    </>
  );
}

/**
 * A term of the glossary: the version in force, or the latest proposed with where its
 * signatures stand (who signed, who is awaited) and, for a head whose party has yet to sign,
 * the document signing action. Whoever may propose a term may propose a new version of the
 * latest one, starting from its words.
 */
export function GlossaryTermCard({ entry, shows, mayPropose }: { entry: GlossaryEntry; shows: 'in-force' | 'latest'; mayPropose: boolean }) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const contextOf = useActionContext();
  const [open, setOpen] = useState<'sign' | 'revise' | null>(null);
  const version = shows === 'in-force' ? entry.inForce : entry.latest;
  if (!version) return null;
  const latest = entry.latest;
  const envelope = latest.item.signed?.envelope;
  const compartment = session.compartments.find((candidate) => candidate.id === entry.compartment);
  const parsedTrack = Track.safeParse(envelope?.track);
  const track = parsedTrack.success ? parsedTrack.data : undefined;
  const isLatest = version.item.id === latest.item.id;
  const maySign =
    isLatest &&
    envelope !== undefined &&
    compartment !== undefined &&
    track !== undefined &&
    (signAction.offered?.(contextOf({ id: latest.item.id, compartment, track, type: envelope.type, payload: envelope.payload, authorParty: authorPartyOf(latest.item, snapshot.members) })) ?? false);
  const toggle = (panel: 'sign' | 'revise') => setOpen((current) => (current === panel ? null : panel));
  const testId = shows === 'in-force' ? `glossary-term-${entry.id}` : `glossary-proposal-${entry.id}`;

  return (
    <li className={shows === 'in-force' ? 'glossary-card' : 'glossary-card glossary-card-proposed'} data-testid={testId} data-term={entry.id} data-version={version.status.number} data-state={version.status.state} data-item-id={version.item.id}>
      <TermWords version={version} />
      {shows === 'in-force' && !isLatest && (
        <p className="hint" data-testid="glossary-newer-proposed">
          {t('understanding.glossary.newerProposed', { number: latest.status.number })}
        </p>
      )}
      {shows === 'latest' && <DocumentStatusPanel item={latest.item} members={snapshot.members} />}
      {(maySign || (mayPropose && isLatest)) && (
        <div className="glossary-card-actions">
          {maySign && <ActionButton id="sign" testId="action-sign" open={open === 'sign'} pressed onToggle={() => toggle('sign')} />}
          {mayPropose && isLatest && <ActionButton id="revise" testId="glossary-revise" open={open === 'revise'} pressed onToggle={() => toggle('revise')} />}
        </div>
      )}
      {open === 'sign' && maySign && track !== undefined && <SignForm target={{ id: latest.item.id, compartment: entry.compartment, track }} owed={undefined} onDone={() => setOpen(null)} />}
      {open === 'revise' && isLatest && <GlossaryTermForm compartment={entry.compartment} revision={{ latest: latest.item.id, payload: latest.payload }} testId="glossary-revise-form" onDone={() => setOpen(null)} />}
    </li>
  );
}
