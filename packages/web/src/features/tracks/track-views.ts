import { lazy, type ComponentType } from 'react';
import type { TFunction } from 'i18next';
import type { Track } from '@fusion-cell/protocol';

export interface TrackViewProps {
  track: Track;
}

/** One way of looking at a track beside its thread, chosen with `?view=<id>`. */
export interface TrackView {
  id: string;
  label(t: TFunction): string;
  /** What the view shows; absent for the thread, which the track page shows itself. */
  Component?: ComponentType<TrackViewProps>;
}

export const THREAD_VIEW = 'thread';

// Loaded when first shown: the map brings Leaflet, and most members open a track for its thread.
const DeescalationMapView = lazy(() => import('../deescalation-map/deescalation-map-view.tsx').then((module) => ({ default: module.DeescalationMapView })));
const RegisterView = lazy(() => import('../register/register-view.tsx').then((module) => ({ default: module.RegisterView })));
const ReportsView = lazy(() => import('../intelligence/reports-view.tsx').then((module) => ({ default: module.ReportsView })));
const StixView = lazy(() => import('../stix/stix-view.tsx').then((module) => ({ default: module.StixView })));
const BoardView = lazy(() => import('../commercial/board-view.tsx').then((module) => ({ default: module.BoardView })));
const MeetingsView = lazy(() => import('../diplomatic/meetings/meetings-view.tsx').then((module) => ({ default: module.MeetingsView })));
const TextsView = lazy(() => import('../diplomatic/texts/texts-view.tsx').then((module) => ({ default: module.TextsView })));
const CommitmentsView = lazy(() => import('../diplomatic/commitments/commitments-view.tsx').then((module) => ({ default: module.CommitmentsView })));
const PipelineView = lazy(() => import('../commercial/pipeline-view.tsx').then((module) => ({ default: module.PipelineView })));

/**
 * The views a track has besides its thread, the first shown by default. A track not listed has
 * its thread alone, without view tabs.
 */
export const TRACK_VIEWS: Partial<Record<Track, readonly TrackView[]>> = {
  intelligence: [
    { id: 'reports', label: (t) => t('intelligence.views.reports'), Component: ReportsView },
    { id: 'stix', label: (t) => t('stix.view'), Component: StixView },
    { id: THREAD_VIEW, label: (t) => t('intelligence.views.thread') },
  ],
  deescalation: [
    { id: 'map', label: (t) => t('deescalationPage.views.map'), Component: DeescalationMapView },
    { id: 'register', label: (t) => t('deescalationPage.views.register'), Component: RegisterView },
    { id: THREAD_VIEW, label: (t) => t('deescalationPage.views.thread') },
  ],
  diplomatic: [
    { id: 'meetings', label: (t) => t('meetings.views.meetings'), Component: MeetingsView },
    { id: 'texts', label: (t) => t('jointText.views.texts'), Component: TextsView },
    { id: 'commitments', label: (t) => t('meetings.views.commitments'), Component: CommitmentsView },
    { id: THREAD_VIEW, label: (t) => t('meetings.views.thread') },
  ],
  commercial: [
    { id: 'board', label: (t) => t('commercial.views.board'), Component: BoardView },
    { id: 'pipeline', label: (t) => t('commercial.views.pipeline'), Component: PipelineView },
    { id: THREAD_VIEW, label: (t) => t('commercial.views.thread') },
  ],
};

/** The view `?view=` names, or the track's first; undefined for a track that has only its thread. */
export function selectedView(track: Track, requested: string | null): TrackView | undefined {
  const views = TRACK_VIEWS[track];
  return views?.find((view) => view.id === requested) ?? views?.[0];
}

/** The anchor an item is found by in a thread: `#item-<id>`. */
export const ITEM_ANCHOR_PREFIX = '#item-';

/** Where an item is read in its thread: the thread view of its compartment, scrolled to it. */
export function itemInThread(compartment: string, item: string): { search: string; hash: string } {
  return { search: `?${new URLSearchParams({ view: THREAD_VIEW, compartment }).toString()}`, hash: `${ITEM_ANCHOR_PREFIX}${item}` };
}
