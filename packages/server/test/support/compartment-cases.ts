import { randomBytes } from 'node:crypto';
import { cosignCheckpoint, cosignerName } from '@fusion-cell/record';
import { nodeSigner } from '@fusion-cell/record/node';
import { compartmentProbes, compartmentsOf, type Caller, type CompartmentProbe } from './authorization-cell.ts';
import { notFound, ok, type CaseSpec, type Expected } from './authorization-case.ts';
import { required, type World } from './authorization-world.ts';

const NO_ITEM = randomBytes(32).toString('base64url');

export function relationWords(probe: CompartmentProbe): string {
  const relation = { in: 'a compartment it is in', 'not-in': 'a compartment it is not in', missing: 'a compartment that does not exist' }[probe.relation];
  return `${probe.id}, ${relation}`;
}

/** What a case asks of a compartment the caller is in. */
type Allowed = Pick<CaseSpec, 'expected' | 'makeBody'>;

/**
 * One case per compartment: the caller's own get the allowed answer; a compartment it is not
 * in answers exactly as one that does not exist.
 */
export function compartmentCases(caller: Caller, path: (compartment: string) => string, allowed: (compartment: string) => Allowed, refusedBody?: unknown): CaseSpec[] {
  return compartmentProbes(caller).map((probe): CaseSpec => {
    const base = { id: probe.id, what: relationWords(probe), path: path(probe.id) };
    if (probe.relation === 'in') return { ...base, ...allowed(probe.id) };
    return { ...base, expected: notFound, body: refusedBody, ...(probe.missingTwin ? { sameAs: probe.missingTwin } : {}) };
  });
}

/** One case per compartment's first item; an item of a compartment it is not in answers as an id naming nothing. */
export function itemReadCases(caller: Caller, world: World, suffix: string): CaseSpec[] {
  const specs: CaseSpec[] = compartmentProbes(caller)
    .filter((probe) => probe.relation !== 'missing')
    .map((probe) => ({
      id: probe.id,
      what: `the first item of ${relationWords(probe)}`,
      path: `/api/v1/items/${required(world.firstItem, probe.id)}${suffix}`,
      expected: probe.relation === 'in' ? ok : notFound,
      ...(probe.relation === 'in' ? {} : { sameAs: 'nothing' }),
    }));
  specs.push({ id: 'nothing', what: 'an item id that names nothing', path: `/api/v1/items/${NO_ITEM}${suffix}`, expected: notFound });
  return specs;
}

/** A 200 whose body lists exactly the compartments of the caller's party. */
export function listingCompartmentsOf(caller: Caller): Expected {
  return {
    status: 200,
    body: (json) => {
      const listed = (json?.compartments ?? []).map((compartment: { id: string }) => compartment.id).sort();
      const expected = compartmentsOf(caller.party);
      return JSON.stringify(listed) === JSON.stringify(expected) ? undefined : `lists compartments ${listed.join(', ')} instead of ${expected.join(', ')}`;
    },
  };
}

/** A cosignature, by the caller's signing device, of the compartment's checkpoint. */
export async function cosignatureBy(world: World, caller: Caller, compartment: string): Promise<unknown> {
  const client = world.client(caller.username);
  const checkpoint = required(world.checkpoints, compartment);
  const cosigner = {
    name: cosignerName(world.cellId, caller.party.id, client.deviceId),
    publicKey: new Uint8Array(Buffer.from(client.key.publicKey, 'base64url')),
    sign: nodeSigner(client.key.privateKey),
  };
  return { size: checkpoint.size, device: client.deviceId, line: await cosignCheckpoint(checkpoint.text, cosigner, 1_767_690_000) };
}
