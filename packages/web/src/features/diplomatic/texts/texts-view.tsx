import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PartyKind } from '@fusion-cell/protocol';
import { useCompartmentName } from '../../../components/use-names.ts';
import { useRecordSync } from '../../../sync/record-sync-context.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { useItemGraph } from '../../items/item-graph.ts';
import { mayCreate } from '../../items/permissions.ts';
import type { TrackViewProps } from '../../tracks/track-views.ts';
import { jointTexts } from './joint-text-state.ts';
import { emptyDraft, type TextDraft } from './text-draft.ts';
import { TextEditor } from './text-editor.tsx';
import { TextPage } from './text-page.tsx';
import { TextsList } from './texts-list.tsx';
import './texts.css';

/** The parties of a compartment with their kinds, as the cell lists them. */
function usePartiesOf(): (compartment: string) => { id: string; kind: PartyKind }[] {
  const { session, cell } = useAuthenticated();
  return useMemo(
    () => (compartment: string) =>
      (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) })),
    [session, cell],
  );
}

/**
 * The single negotiating texts of the reader's compartments, computed here from the record
 * verified in this browser: the list, and one text opened (`?text=<id>`, a version with
 * `&version=<n>`) with what the reader's party may do on it. A supervisor composes version 1
 * here and holds the pen.
 */
export function TextsView(_props: TrackViewProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const partiesOf = usePartiesOf();
  const [search, setSearch] = useSearchParams();
  const texts = useMemo(() => jointTexts(graph, snapshot.members, partiesOf), [graph, snapshot.members, partiesOf]);
  const opened = texts.find((text) => text.id === search.get('text'));
  const signersOf = (compartment: string) => partiesOf(compartment).filter((party) => party.kind === 'side' || party.kind === 'supervisor').map((party) => party.id);
  if (opened) {
    const asked = Number(search.get('version'));
    const shown = opened.versions.find((version) => version.number === asked) ?? opened.latest;
    const show = (number: number) =>
      setSearch((current) => {
        const next = new URLSearchParams(current);
        if (number === opened.latest.number) next.delete('version');
        else next.set('version', String(number));
        return next;
      });
    return (
      <section className="texts-view" aria-labelledby={headingId} data-testid="texts-view">
        <p>
          <Link to={`?${new URLSearchParams({ view: 'texts' }).toString()}`} data-testid="texts-back">
            {t('jointText.page.back')}
          </Link>
        </p>
        <h2 id={headingId} lang={opened.latest.payload.language} dir="auto">
          {opened.latest.payload.title}
        </h2>
        <TextPage key={opened.id} text={opened} shown={shown} onShow={show} signers={signersOf(opened.compartment)} />
      </section>
    );
  }
  return (
    <section className="texts-view" aria-labelledby={headingId} data-testid="texts-view">
      <h2 id={headingId}>{t('jointText.list.heading')}</h2>
      <p className="hint">{t('jointText.list.lead')}</p>
      <ComposeText signersOf={signersOf} />
      <TextsList texts={texts} />
    </section>
  );
}

/** Version 1 of a new text, composed by a supervisor, who holds the pen: the sides sign it by default. */
function ComposeText({ signersOf }: { signersOf: (compartment: string) => string[] }) {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const compartmentName = useCompartmentName();
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const compartments = session.compartments.filter((compartment) => mayCreate('joint.text', author, { compartmentKind: compartment.kind, track: 'diplomatic' }));
  const [compartment, setCompartment] = useState(compartments[0]?.id ?? '');
  const sidesOf = (id: string) => signersOf(id).filter((party) => cell.parties.find((entry) => entry.id === party)?.kind === 'side');
  const [draft, setDraft] = useState<TextDraft>(() => emptyDraft(sidesOf(compartment)));
  if (session.party.kind !== 'supervisor' || compartments.length === 0) return null;
  return (
    <details className="compose" data-testid="text-compose-panel">
      <summary className="compose-heading" data-testid="text-compose-open">
        {t('jointText.editor.compose')}
      </summary>
      <label className="field">
        {t('jointText.editor.compartment')}
        <select
          data-testid="text-compose-compartment"
          value={compartment}
          onChange={(event) => {
            setCompartment(event.target.value);
            setDraft({ ...draft, parties: sidesOf(event.target.value) });
          }}
        >
          {compartments.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {compartmentName(entry)}
            </option>
          ))}
        </select>
      </label>
      <TextEditor key={compartment} compartment={compartment} signers={signersOf(compartment)} penHolder={session.party.id} latest={undefined} draft={draft} onChange={setDraft} onEntered={() => setDraft(emptyDraft(sidesOf(compartment)))} />
    </details>
  );
}
