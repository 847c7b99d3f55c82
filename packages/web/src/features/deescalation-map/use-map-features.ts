import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyKind } from '@fusion-cell/protocol';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { buildItemGraph, type ItemGraph } from '../items/item-graph.ts';
import { useTypeName } from '../items/type-names.ts';
import { deescalationFeatures, shortLabel, type FeatureWords, type PlacedFeature } from './map-features.ts';

type Logs = ReadonlyMap<string, readonly SyncedItem[]>;

function sameLogs(a: Logs, b: Logs): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [compartment, items] of a) if (b.get(compartment) !== items) return false;
  return true;
}

/**
 * The snapshot is rebuilt on every change of the sync (a cosignature, a checkpoint), but each
 * compartment's list is replaced only when its items change: kept while they are the same, the
 * map's features are not recomputed, nor its layers redrawn, for a change that moves nothing.
 */
function useStableLogs(logs: Logs): Logs {
  const [stable, setStable] = useState(logs);
  const same = sameLogs(stable, logs);
  if (!same) setStable(logs);
  return same ? stable : logs;
}

/** The record's graph, rebuilt only when an item changed. */
export function useStableGraph(): ItemGraph {
  const { snapshot } = useRecordSync();
  const logs = useStableLogs(snapshot.items);
  return useMemo(() => buildItemGraph(logs), [logs]);
}

/** The map's features, in the reader's language, memoised on the items and the language alone. */
export function useMapFeatures(): PlacedFeature[] {
  const { t } = useTranslation();
  const language = useLanguage();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const typeName = useTypeName();
  const { cell, session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useStableGraph();
  const members = snapshot.members;

  return useMemo(() => {
    const when = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // Names and times inside a sentence are isolated, so an Arabic name does not reorder an English label.
    const isolate = (text: string) => `\u2068${text}\u2069`;
    const words: FeatureWords = {
      zone: (name) => pickLocalized(name, language).value,
      notice: (kind, party, window) =>
        t('deescalationPage.map.labels.notice', {
          kind: t(`deescalation.notice.kinds.${kind}`),
          party: isolate(party === undefined ? t('thread.unknownAuthor') : partyName(party)),
          window: isolate(when.formatRange(window.from, Math.max(window.from, window.to))),
        }),
      incident: (what) => shortLabel(what),
      report: (title) => shortLabel(title),
      finding: (check, subject) => t('deescalationPage.map.labels.finding', { check: t(`deescalation.findings.checks.${check}`), subject: isolate(subject) }),
      other: (type) => typeName(type),
    };
    const partiesOf = (compartment: string) =>
      (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
    const features = deescalationFeatures({ graph, members, partiesOf, words });
    // One compartment needs no naming on every label: the view says it once above the map.
    if (new Set(features.map((feature) => feature.compartment)).size < 2) return features;
    return features.map((feature) => ({ ...feature, label: t('deescalationPage.map.inCompartment', { label: isolate(feature.label), compartment: compartmentName(feature.compartment) }) }));
  }, [graph, members, language, t, partyName, compartmentName, typeName, cell, session]);
}
