import { useMemo } from 'react';
import { Area, LocalizedText, type PartyKind } from '@fusion-cell/protocol';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { documentOf } from '../documents/document-state.ts';
import { useItemGraph } from '../items/item-graph.ts';
import type { MapFeature } from '../map/map-feature.ts';

/** What the map calls a version's state: in force, proposed (initialled too), or history. */
const MAP_STATUS = { 'in-force': 'in-force', proposed: 'proposed', initialled: 'proposed', replaced: 'superseded', superseded: 'superseded' } as const;

/**
 * The zones of the record verified here, as the map draws them beside an area being drawn: each
 * version with where it stands, computed as the server computes it.
 */
export function useZoneFeatures(): MapFeature[] {
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const { cell, session } = useAuthenticated();
  const language = useLanguage();
  return useMemo(() => {
    const partiesOf = (compartment: string) =>
      (session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? []).map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
    const features: MapFeature[] = [];
    const seen = new Set<string>();
    for (const item of graph.byId.values()) {
      if (item.signed?.envelope.type !== 'zone' || seen.has(item.id)) continue;
      const document = documentOf(item.id, graph, snapshot.members, partiesOf);
      if (!document) continue;
      for (const version of document.versions) {
        seen.add(version.id);
        const payload = version.signed?.envelope.payload;
        const area = Area.safeParse(payload?.['area']);
        const name = LocalizedText.safeParse(payload?.['name']);
        const rule = (payload?.['rule'] as { kind?: unknown } | undefined)?.kind;
        const state = document.status.versions.find((candidate) => candidate.id === version.id)?.state;
        if (!area.success || !name.success || state === undefined) continue;
        features.push({
          id: version.id,
          kind: 'zone',
          status: MAP_STATUS[state],
          geometry: area.data,
          label: pickLocalized(name.data, language).value,
          ...(rule === 'no-forces' || rule === 'limited-forces' ? { rule } : {}),
        });
      }
    }
    return features;
  }, [graph, snapshot.members, cell, session, language]);
}
