import { TLP_LEVELS, type Tlp } from '../intelligence/tlp.ts';

/** The extension every TLP 2.0 marking-definition declares (OASIS cti-stix-common-objects, tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The time the official TLP 2.0 marking-definitions were published: part of each object, like its id. */
export const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

/** The official TLP 2.0 marking-definition ids, as OASIS publishes them for STIX 2.1. */
export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/**
 * The TLP 1.0 markings STIX 2.1 predefines (section 7.2.1.4), which bundles from older tools
 * still carry. Read as their TLP 2.0 counterparts: WHITE became CLEAR; the others kept their
 * names. The cell writes TLP 2.0 only.
 */
export const TLP1_MARKING_IDS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
};

const TLP_BY_MARKING = new Map<string, Tlp>([...TLP_LEVELS.map((tlp) => [TLP2_MARKING_IDS[tlp], tlp] as const), ...Object.entries(TLP1_MARKING_IDS)]);

/**
 * The TLP a well-known marking-definition id stands for. These may be referenced without the
 * bundle carrying them: every STIX 2.1 consumer knows them by id.
 */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  return TLP_BY_MARKING.get(id);
}

/** Whether an id is one of the well-known TLP marking-definitions. */
export function isWellKnownMarking(id: string): boolean {
  return TLP_BY_MARKING.has(id);
}

/** The official TLP 2.0 marking-definition object of a level, exactly as OASIS publishes it. */
export function tlp2MarkingDefinition(tlp: Tlp): Record<string, unknown> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: TLP2_CREATED,
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

/** From the widest audience to the narrowest: of several markings, the narrowest holds. */
export function strictestTlp(levels: Iterable<Tlp>): Tlp | undefined {
  let strictest: Tlp | undefined;
  for (const level of levels) if (strictest === undefined || TLP_LEVELS.indexOf(level) > TLP_LEVELS.indexOf(strictest)) strictest = level;
  return strictest;
}

/**
 * What a marking-definition that the bundle carries says of TLP, when it says anything: its
 * TLP 2.0 extension, a TLP 1.0 `definition`, or a `TLP:` name.
 */
export function tlpOfMarkingObject(object: Record<string, unknown>): Tlp | undefined {
  const known = typeof object['id'] === 'string' ? tlpOfMarkingId(object['id']) : undefined;
  return known ?? tlpClaimsOfMarking(object)[0]?.tlp;
}

/** Each place a marking-definition names a TLP level, with the property that says it. */
export function tlpClaimsOfMarking(object: Record<string, unknown>): Array<{ property: string; tlp: Tlp }> {
  const claims: Array<{ property: string; tlp: Tlp }> = [];
  const claim = (property: string, word: unknown) => {
    const tlp = typeof word === 'string' ? tlpFromWord(word) : undefined;
    if (tlp) claims.push({ property, tlp });
  };
  const extensions = object['extensions'] as Record<string, unknown> | undefined;
  const extension = extensions?.[TLP2_EXTENSION_ID] as Record<string, unknown> | undefined;
  claim(`extensions.${TLP2_EXTENSION_ID}.tlp_2_0`, extension?.['tlp_2_0']);
  const definition = object['definition'] as Record<string, unknown> | undefined;
  if (object['definition_type'] === 'tlp') claim('definition.tlp', definition?.['tlp']);
  const name = object['name'];
  if (typeof name === 'string' && name.toUpperCase().startsWith('TLP:')) claim('name', name.slice(4));
  return claims;
}

function tlpFromWord(word: string | undefined): Tlp | undefined {
  if (word === undefined) return undefined;
  const upper = word.trim().toUpperCase();
  if (upper === 'WHITE') return 'CLEAR';
  return (TLP_LEVELS as readonly string[]).includes(upper) ? (upper as Tlp) : undefined;
}
