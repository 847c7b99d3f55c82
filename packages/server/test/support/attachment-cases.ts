import { createHash, randomBytes } from 'node:crypto';
import { deriveEvidence, storeAttachment } from '../../src/attachments/attachment-store.ts';
import { loadActor } from '../../src/policy/actor.ts';
import type { AppliedEntry } from '../../src/record/applied-entry.ts';
import { ALL_PARTIES, CALLING_PARTIES, compartmentProbes, dutyOf, OTHER_SIDE, type Caller } from './authorization-cell.ts';
import { created, forbidden, notFound, ok, type CaseSpec } from './authorization-case.ts';
import { relationWords } from './compartment-cases.ts';
import { required, type World } from './authorization-world.ts';

const NO_FILE = createHash('sha256').update(randomBytes(32)).digest('hex');

/** Files the reading cases ask for: one uploaded by each calling party, and the other side's, named nowhere or by one item per compartment. */
interface MatrixFiles {
  uploadedBy: Map<string, string>;
  namedIn: Map<string, string>;
  unnamed: string;
}

const filesOf = new WeakMap<World, Promise<MatrixFiles>>();

async function uploadAs(world: World, username: string): Promise<string> {
  const services = world.server.handle.services;
  const actor = await loadActor(services.db, world.memberId(username));
  if (!actor) throw new Error(`no actor for ${username}`);
  const { receipt } = await storeAttachment(services, actor, randomBytes(64), 'image/png');
  return receipt.sha256;
}

/** Set up through the store itself, so that no case depends on the upload route under test. */
function matrixFiles(world: World): Promise<MatrixFiles> {
  let files = filesOf.get(world);
  if (!files) {
    files = (async () => {
      const uploadedBy = new Map<string, string>();
      for (const party of CALLING_PARTIES) uploadedBy.set(party.id, await uploadAs(world, dutyOf(party.id)));
      const otherSide = dutyOf(OTHER_SIDE.id);
      const namedIn = new Map<string, string>();
      const compartments = ['plenary', ...ALL_PARTIES.flatMap((party) => (party.kind === 'side' ? [`caucus-${party.id}`] : [])), ...ALL_PARTIES.map((party) => `internal-${party.id}`)];
      for (const compartment of compartments) {
        const sha256 = await uploadAs(world, otherSide);
        const entry = { compartmentId: compartment, index: 0, itemId: required(world.firstItem, compartment), receivedAt: 0, signed: { envelope: { payload: { evidence: [{ sha256 }] } } } };
        await deriveEvidence(world.server.handle.services.db, entry as unknown as AppliedEntry);
        namedIn.set(compartment, sha256);
      }
      return { uploadedBy, namedIn, unnamed: await uploadAs(world, otherSide) };
    })();
    filesOf.set(world, files);
  }
  return files;
}

/** Anyone but an account that only administers uploads evidence; each upload is new bytes, so new to the party. */
export function attachmentUploadCases(caller: Caller): CaseSpec[] {
  const file = new Blob([randomBytes(64)], { type: 'image/png' });
  return [{ id: 'new', what: 'uploading a file', path: '/api/v1/attachments', body: file, expected: caller.role === 'admin' ? forbidden : created }];
}

/**
 * A file is read by the parties that uploaded it and by whoever sees an item naming it; to
 * anyone else it answers as a hash no file has.
 */
export async function attachmentReadCases(caller: Caller, world: World): Promise<CaseSpec[]> {
  const files = await matrixFiles(world);
  const path = (sha256: string) => `/api/v1/attachments/${sha256}`;
  const specs: CaseSpec[] = [
    { id: 'own', what: 'a file its party uploaded', path: path(required(files.uploadedBy, caller.party.id)), expected: ok },
    { id: 'other party', what: 'a file the other side uploaded, named by no item', path: path(files.unnamed), expected: notFound, sameAs: 'nothing' },
    { id: 'nothing', what: 'a hash no file has', path: path(NO_FILE), expected: notFound },
  ];
  for (const probe of compartmentProbes(caller)) {
    if (probe.relation === 'missing') continue;
    const what = `a file the other side uploaded, named by an item of ${relationWords(probe)}`;
    const file = path(required(files.namedIn, probe.id));
    specs.push(probe.relation === 'in' ? { id: probe.id, what, path: file, expected: ok } : { id: probe.id, what, path: file, expected: notFound, sameAs: 'nothing' });
  }
  return specs;
}
