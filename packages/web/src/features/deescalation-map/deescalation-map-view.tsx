import { lazy, Suspense, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CompartmentSummary, Track } from '@fusion-cell/protocol';
import { useCompartmentName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { webItemType } from '../../item-types/registry.ts';
import type { ItemTypeForm } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { CompartmentSelect } from '../forms/place-select.tsx';
import { ItemCard } from '../items/item-card.tsx';
import { trackForms } from '../items/item-forms.ts';
import { useItemGraph } from '../items/item-graph.ts';
import { useTypeName } from '../items/type-names.ts';
import { featureBounds, LEVANT_BOUNDS } from '../map/map-layers.ts';
import { ThreadItem } from '../tracks/thread-item.tsx';
import { itemInThread, type TrackViewProps } from '../tracks/track-views.ts';
import { featuresByCompartment, presetWindow, sliderRange, WINDOW_PRESETS, withFindingsInWindow } from './map-features.ts';
import { MapSheet } from './map-sheet.tsx';
import { useMapFeatures } from './use-map-features.ts';
import './deescalation-map-view.css';

// Leaflet and its drawing tools come with the map, loaded once the view is shown.
const DeescalationMap = lazy(() => import('../map/deescalation-map.tsx').then((module) => ({ default: module.DeescalationMap })));

/** What can be entered from the map: the items that have a place on it. */
const COMPOSE_TYPES = ['activity.notice', 'incident.report', 'zone'] as const;

interface ComposeOption {
  type: string;
  form: ItemTypeForm;
  compartments: CompartmentSummary[];
}

/**
 * The de-escalation track as a map: the zones, notices, incidents and flagged findings of every
 * compartment of the party, in a time window; an item opened from the map is read and answered
 * in a panel beside it, and notices, incidents and zones are entered there too.
 */
export function DeescalationMapView({ track }: TrackViewProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const typeName = useTypeName();
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const features = useMapFeatures();
  const headingId = useId();

  const [now] = useState(() => Date.now());
  const range = useMemo(() => sliderRange(now), [now]);
  const [timeWindow, setTimeWindow] = useState(() => presetWindow('recent', now, range));
  const shown = useMemo(() => withFindingsInWindow(features, timeWindow), [features, timeWindow]);
  const [search, setSearch] = useSearchParams();
  const selected = search.get('item');
  const [composing, setComposing] = useState<string | null>(null);

  const select = useCallback(
    (id: string | null) =>
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          if (id === null) next.delete('item');
          else next.set('item', id);
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const composeOptions: ComposeOption[] = COMPOSE_TYPES.flatMap((type) => {
    const form = webItemType(type)?.form;
    const compartments = session.compartments.filter((compartment) => trackForms(author, compartment, track).some((offered) => offered.type === type));
    return form !== undefined && compartments.length > 0 ? [{ type, form, compartments }] : [];
  });
  const composeOption = composeOptions.find((option) => option.type === composing);

  const shownFrom = featuresByCompartment(
    features,
    session.compartments.map((compartment) => compartment.id),
  );
  // Fitted once, on the map's first show: the view opens on what the record holds.
  const bounds = useMemo(() => featureBounds(features) ?? LEVANT_BOUNDS, [features]);
  const ready = snapshot.phase === 'ready' || features.length > 0;
  const graph = useItemGraph();
  const selectedType = selected === null ? undefined : graph.byId.get(selected)?.signed?.envelope.type;

  return (
    <section className="deescalation-map-view" aria-labelledby={headingId} data-testid="deescalation-map-view">
      <h2 id={headingId} className="visually-hidden">
        {t('deescalationPage.map.heading')}
      </h2>
      <p className="hint map-view-lead">{t('deescalationPage.map.lead')}</p>

      <div className="map-view-toolbar">
        {composeOptions.length > 0 && (
          <div className="map-view-compose" role="group" aria-label={t('deescalationPage.map.compose.heading')}>
            {composeOptions.map((option) => (
              <button
                key={option.type}
                type="button"
                className="button"
                aria-pressed={composing === option.type}
                onClick={() => {
                  select(null);
                  setComposing(option.type);
                }}
                data-testid={`map-compose-${option.form.name}`}
              >
                {option.form.heading(t)}
              </button>
            ))}
          </div>
        )}
        <div className="map-view-presets" role="group" aria-label={t('deescalationPage.map.presets.label')}>
          {WINDOW_PRESETS.map((preset) => {
            const window = presetWindow(preset, now, range);
            return (
              <button
                key={preset}
                type="button"
                className="button button-small"
                aria-pressed={window.from === timeWindow.from && window.to === timeWindow.to}
                onClick={() => setTimeWindow(window)}
                data-testid={`map-preset-${preset}`}
              >
                {t(`deescalationPage.map.presets.${preset}`)}
              </button>
            );
          })}
        </div>
      </div>

      {ready && (
        <p className="hint" data-testid="map-compartments" data-count={features.length}>
          {shownFrom.length === 0
            ? t('deescalationPage.map.nothing')
            : t('deescalationPage.map.shownFrom', {
                compartments: format.list(shownFrom.map(({ compartment, count }) => t('deescalationPage.map.compartmentCount', { compartment: compartmentName(compartment), count: format.number(count) }))),
              })}
        </p>
      )}

      {ready ? (
        <Suspense fallback={<p className="hint map-view-loading">{t('deescalationPage.map.loading')}</p>}>
          <DeescalationMap
            features={shown}
            window={timeWindow}
            onWindowChange={setTimeWindow}
            range={range}
            initialBounds={bounds}
            onSelect={select}
          />
        </Suspense>
      ) : (
        <p className="hint map-view-loading" role="status">
          {t('thread.loading')}
        </p>
      )}

      {selected !== null && (
        <MapSheet title={selectedType === undefined ? t('deescalationPage.map.panel.item') : typeName(selectedType)} contentKey={`item-${selected}`} onClose={() => select(null)} closeOnEscape testId="map-sheet-item">
          <ItemPanel id={selected} />
        </MapSheet>
      )}
      {/* An item opened from the map while composing covers the form, which keeps its draft under it. */}
      {composeOption !== undefined && (
        <MapSheet title={composeOption.form.heading(t)} contentKey={`compose-${composeOption.type}`} onClose={() => setComposing(null)} closeOnEscape={false} hidden={selected !== null} wide testId="map-sheet-compose">
          <ComposePanel option={composeOption} track={track} />
        </MapSheet>
      )}
    </section>
  );
}

/** The item as its thread shows it, with what the reader may do on it, and its answers folded under it. */
function ItemPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const item = graph.byId.get(id);
  if (item === undefined) {
    return (
      <p className="hint" data-testid="map-sheet-gone">
        {t('deescalationPage.map.panel.gone')}
      </p>
    );
  }
  const answers = graph.answers.get(id) ?? [];
  return (
    <div className="map-sheet-item" data-item={id}>
      <p className="hint">{t('deescalationPage.map.panel.in', { compartment: compartmentName(item.compartment) })}</p>
      <ItemCard item={item} author={item.signed ? snapshot.members.get(item.signed.envelope.author) : undefined} />
      {answers.length > 0 && (
        <details className="map-sheet-answers" data-testid="map-sheet-answers">
          <summary>{t('deescalationPage.map.panel.answers', { count: format.number(answers.length) })}</summary>
          <ol className="thread">
            {answers.map((answer) => (
              <ThreadItem key={`${answer.index}-${answer.id}`} item={answer} members={snapshot.members} graph={graph} depth={1} />
            ))}
          </ol>
        </details>
      )}
      <p>
        <Link to={itemInThread(item.compartment, id)} data-testid="map-sheet-thread-link">
          {t('deescalationPage.map.panel.openInThread')}
        </Link>
      </p>
    </div>
  );
}

/** A type's own form, in the compartment chosen here among those the reader may enter it in. */
function ComposePanel({ option, track }: { option: ComposeOption; track: Track }) {
  const [compartment, setCompartment] = useState(option.compartments[0]?.id ?? '');
  return (
    <div className="map-sheet-compose">
      {option.compartments.length > 1 && <CompartmentSelect compartments={option.compartments} value={compartment} onChange={setCompartment} testId="map-compose-compartment" />}
      {/* Keyed by compartment: a draft never follows the writer into another audience. */}
      <option.form.Form key={compartment} place={{ compartment, track }} />
    </div>
  );
}
