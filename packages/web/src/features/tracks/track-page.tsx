import { Suspense, useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Track } from '@fusion-cell/protocol';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { useFormatters } from '../../i18n/format.ts';
import type { ItemTypeForm } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import type { ItemPlace } from '../forms/item-form.tsx';
import { trackForms } from '../items/item-forms.ts';
import { CompartmentTabs, type TabCounts } from './compartment-tabs.tsx';
import { Thread } from './thread.tsx';
import { ITEM_ANCHOR_PREFIX, selectedView, TRACK_VIEWS, type TrackView as TrackViewEntry } from './track-views.ts';
import './thread.css';
import './track-views.css';

/** One track: per compartment of the party, its thread and the forms that write into it. */
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
  const view = selectedView(track, search.get('view'));
  useScrollToItem(snapshot.items);

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
      {view !== undefined && <TrackViewTabs views={TRACK_VIEWS[track] ?? []} current={view} />}
      {view?.Component !== undefined ? (
        <Suspense fallback={<p className="hint">{t('app.loading')}</p>}>
          <view.Component track={track} />
        </Suspense>
      ) : selected === undefined ? (
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
            {trackForms(author, selected, track).map(({ type, form }) => (
              <TrackForm key={`${type}-${selected.id}`} form={form} place={{ compartment: selected.id, track }} compartmentName={compartmentName(selected)} />
            ))}
            <h2 className="thread-heading">{t('thread.heading', { compartment: compartmentName(selected) })}</h2>
            <Thread items={snapshot.items.get(selected.id) ?? []} track={track} members={snapshot.members} loading={snapshot.phase === 'starting'} />
          </div>
        </>
      )}
    </div>
  );
}

/** The track's views (map, register, thread…) as links, so each has its address and the back button returns to the last. */
function TrackViewTabs({ views, current }: { views: readonly TrackViewEntry[]; current: TrackViewEntry }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const linkTo = (view: TrackViewEntry) => {
    const next = new URLSearchParams(search);
    next.set('view', view.id);
    return `?${next.toString()}`;
  };
  return (
    <nav className="track-views" aria-label={t('deescalationPage.views.label')} data-testid="track-views" data-view={current.id}>
      <ul>
        {views.map((view) => (
          <li key={view.id}>
            <Link to={linkTo(view)} className="track-view-link" aria-current={view === current ? 'page' : undefined} data-testid={`track-view-${view.id}`}>
              {view.label(t)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link to `#item-<id>` lands on that item once the record holding it is shown here, once. */
function useScrollToItem(items: unknown) {
  const { hash } = useLocation();
  const reached = useRef('');
  useEffect(() => {
    if (!hash.startsWith(ITEM_ANCHOR_PREFIX) || reached.current === hash) return;
    const element = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(hash.slice(ITEM_ANCHOR_PREFIX.length))}"]`);
    if (!element) return;
    reached.current = hash;
    element.scrollIntoView({ block: 'center' });
    element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
  }, [hash, items]);
}

/** A type's form in one compartment of the track: always open (the message box), or folded until opened. */
function TrackForm({ form, place, compartmentName }: { form: ItemTypeForm; place: ItemPlace; compartmentName: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = form.heading(t, compartmentName);
  if (form.track === 'open') {
    return (
      <section className="compose" aria-labelledby={headingId} data-testid={form.name}>
        <h2 id={headingId} className="compose-heading">
          {heading}
        </h2>
        <form.Form place={place} />
      </section>
    );
  }
  return (
    <details className="compose" data-testid={`track-${form.name}-panel`}>
      <summary className="compose-heading">{heading}</summary>
      <form.Form place={place} />
    </details>
  );
}
