import type { CompartmentSummary } from '@fusion-cell/protocol';
import { webCryptoVerifier, type SignatureVerifier } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import { AuthorDirectory } from './directory.ts';
import { entryChecker, type EntryChecker } from './entry-checker.ts';
import { RaisedAlarms } from './raised-alarms.ts';
import type { TrustScope } from './trust-store.ts';
import { verificationCache, type VerificationCache } from './verification-cache.ts';

export interface SyncIdentity {
  cellId: string;
  partyId: string;
  compartments: readonly CompartmentSummary[];
}

/** What every step of a sync shares across compartments: whose view it is, and what it knows so far. */
export interface SyncServices {
  readonly scope: TrustScope;
  readonly verifier: SignatureVerifier;
  readonly alarms: RaisedAlarms;
  readonly directory: AuthorDirectory;
  readonly cache: VerificationCache;
  /** Reads and checks entries off the page's thread. */
  readonly checker: EntryChecker;
  /** False once the sync is stopped: long work ends at its next step, and keeps nothing more. */
  readonly running: { value: boolean };
}

export function syncServices(identity: SyncIdentity): SyncServices {
  const scope = { cellId: identity.cellId, partyId: identity.partyId };
  const verifier = webCryptoVerifier();
  return {
    scope,
    verifier,
    alarms: new RaisedAlarms(scope),
    directory: new AuthorDirectory(identity.cellId, verifier, () => api.directory()),
    cache: verificationCache(identity.cellId, identity.partyId),
    checker: entryChecker(),
    running: { value: true },
  };
}
