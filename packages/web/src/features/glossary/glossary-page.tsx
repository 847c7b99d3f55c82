import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { glossaryTextHolds, LANGUAGES, type GlossaryTermPayload } from '@fusion-cell/protocol';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAuthenticated } from '../auth/session-context.ts';
import { mayCreate } from '../items/permissions.ts';
import { GlossaryTermCard } from './glossary-term-card.tsx';
import { GlossaryTermForm } from './glossary-term-form.tsx';
import { useGlossaryEntries, type GlossaryEntry } from './glossary-state.ts';
import './glossary.css';

/** Every word of a version: the term, its equivalents and its definition. */
function wordsOf(payload: GlossaryTermPayload): string {
  return [payload.term, ...LANGUAGES.flatMap((language) => payload.equivalents?.[language] ?? []), payload.definition ?? ''].join('\n');
}

/** Whether a term holds what the reader typed, in the version in force or the one proposed, folded as the search folds. */
function holds(entry: GlossaryEntry, typed: string): boolean {
  return [entry.inForce, entry.latest].some((version) => version !== undefined && glossaryTextHolds(wordsOf(version.payload), typed));
}

/** A term is awaited while its latest version is not yet signed by everyone. */
const awaitingSignatures = (entry: GlossaryEntry) => entry.latest.status.state === 'proposed' || entry.latest.status.state === 'initialled';

/**
 * The glossary: agreed terms in each of the cell's languages, those proposed and awaiting
 * signatures (heads sign them here), and proposing a term or a new version of one. A search box
 * narrows both lists, matching words as the highlighting does (prefixes, forms, any language).
 */
export function GlossaryPage() {
  const { t } = useTranslation();
  const authenticated = useAuthenticated();
  const { session } = authenticated;
  const entries = useGlossaryEntries(authenticated);
  const [typed, setTyped] = useState('');
  const searchId = useId();
  const shown = entries.filter((entry) => holds(entry, typed));
  const inForce = shown.filter((entry) => entry.inForce);
  const proposed = shown.filter(awaitingSignatures);
  const plenary = session.compartments.find((compartment) => compartment.kind === 'plenary');
  const mayPropose = plenary !== undefined && mayCreate('glossary.term', { roles: session.member.roles, partyKind: session.party.kind }, { compartmentKind: 'plenary', track: 'general' });

  return (
    <div className="page glossary-page" data-testid="page-glossary" data-terms={entries.length}>
      <PageHeading title={t('understanding.glossary.title')}>
        <p className="page-lead">{t('understanding.glossary.lead')}</p>
      </PageHeading>

      <div className="glossary-search" role="search">
        <label htmlFor={searchId}>{t('understanding.glossary.search.label')}</label>
        <input id={searchId} type="search" dir="auto" autoComplete="off" value={typed} data-testid="glossary-search" aria-describedby={`${searchId}-hint`} onChange={(event) => setTyped(event.currentTarget.value)} />
        <p className="hint" id={`${searchId}-hint`}>
          {t('understanding.glossary.search.hint')}
        </p>
      </div>

      <section className="glossary-section" aria-labelledby="glossary-in-force-heading" data-testid="glossary-in-force" data-count={inForce.length}>
        <h2 id="glossary-in-force-heading">{t('understanding.glossary.inForce.heading')}</h2>
        {inForce.length === 0 ? (
          <EmptyState title={typed.trim() === '' ? t('understanding.glossary.inForce.empty') : t('understanding.glossary.search.nothing')} />
        ) : (
          <ul className="glossary-list">
            {inForce.map((entry) => (
              <GlossaryTermCard key={entry.id} entry={entry} shows="in-force" mayPropose={mayPropose} />
            ))}
          </ul>
        )}
      </section>

      <section className="glossary-section" aria-labelledby="glossary-proposed-heading" data-testid="glossary-proposed" data-count={proposed.length}>
        <h2 id="glossary-proposed-heading">{t('understanding.glossary.proposed.heading')}</h2>
        <p className="hint">{t('understanding.glossary.proposed.hint')}</p>
        {proposed.length === 0 ? (
          <EmptyState title={typed.trim() === '' ? t('understanding.glossary.proposed.empty') : t('understanding.glossary.search.nothing')} />
        ) : (
          <ul className="glossary-list">
            {proposed.map((entry) => (
              <GlossaryTermCard key={entry.id} entry={entry} shows="latest" mayPropose={mayPropose} />
            ))}
          </ul>
        )}
      </section>

      {mayPropose && plenary && (
        <details className="glossary-propose" data-testid="glossary-propose">
          <summary data-testid="glossary-propose-open">{t('understanding.glossary.form.heading')}</summary>
          <GlossaryTermForm compartment={plenary.id} testId="glossary-form" />
        </details>
      )}
    </div>
  );
}
