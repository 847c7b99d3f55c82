import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Track } from '@fusion-cell/protocol';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { CompartmentTabs, type TabCounts } from './compartment-tabs.tsx';
import { ComposeBox } from './compose-box.tsx';
import { mayCreate } from '../items/permissions.ts';
import { ExplanationRequestForm } from '../watch/explanation-request-form.tsx';
import { Thread } from './thread.tsx';
import './thread.css';

/** One track: per compartment of the party, its thread and a box to write into it. */
export function TrackPage() {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const parsed = Track.safeParse(useParams()['track']);
  if (!parsed.success || !cell.tracks.includes(parsed.data)) return <NotFoundPage />;
  // Keyed by track so moving between tracks is a new page: the heading takes the focus again.
  return <TrackView key={parsed.data} track={parsed.data} title={t(`tracks.${parsed.data}.name`)} />;
}

function TrackView({ track, title }: { track: Track; title: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const compartmentName = useCompartmentName();
  const partyName = usePartyName();
  const [search, setSearch] = useSearchParams();
  const panelId = useId();
  const compartments = session.compartments;
  const requested = search.get('compartment');
  const selected = compartments.find((compartment) => compartment.id === requested) ?? compartments[0];

  const counts = useMemo(() => {
    const result = new Map<string, TabCounts>();
    for (const [compartment, items] of snapshot.items) {
      const inTrack = items.filter((item) => item.signed === null || item.signed.envelope.track === track);
      result.set(compartment, { items: inTrack.length, failed: inTrack.filter((item) => verdictOf(item.verification) === 'failed').length });
    }
    return result;
  }, [snapshot.items, track]);

  return (
    <div className="page" data-testid={`page-track-${track}`}>
      <PageHeading title={title}>
        <p className="page-lead">{t(`tracks.${track}.description`)}</p>
      </PageHeading>
      {snapshot.error && (
        <div data-testid="sync-error">
          <p className="hint">{t('thread.syncError')}</p>
          <ErrorMessage error={snapshot.error} />
        </div>
      )}
      {selected === undefined ? (
        <p>{t('thread.noCompartments')}</p>
      ) : (
        <>
          <CompartmentTabs
            compartments={compartments}
            selected={selected.id}
            counts={counts}
            panelId={panelId}
            onSelect={(id) => setSearch((current) => ({ ...Object.fromEntries(current), compartment: id }), { replace: true })}
          />
          <div className="compartment-panel" role="tabpanel" id={panelId} aria-labelledby={`tab-${selected.id}`} data-testid="compartment-panel" data-compartment={selected.id}>
            <p className="hint compartment-panel-audience">
              {t('compartments.audience', { parties: format.list(selected.parties.map(partyName)) })}
            </p>
            {/* Keyed by compartment: a draft never follows the writer into another audience. */}
            <ComposeBox key={selected.id} compartment={selected.id} compartmentName={compartmentName(selected)} track={track} />
            {mayCreate('explanation.request', author, { compartmentKind: selected.kind, track }) && (
              <details className="compose" data-testid="track-explanation-panel" key={`explanation-${selected.id}`}>
                <summary className="compose-heading">{t('explanationForm.headingIn', { compartment: compartmentName(selected) })}</summary>
                <ExplanationRequestForm fixed={{ compartment: selected.id, track }} />
              </details>
            )}
            <h2 className="thread-heading">{t('thread.heading', { compartment: compartmentName(selected) })}</h2>
            <Thread items={snapshot.items.get(selected.id) ?? []} track={track} members={snapshot.members} loading={snapshot.phase === 'starting'} />
          </div>
        </>
      )}
    </div>
  );
}
