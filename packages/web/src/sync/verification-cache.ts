import type { ItemVerification } from './sync-types.ts';

/** Enough for a long watch; the oldest results go first, to be verified again if needed. */
const MAX_ENTRIES = 20_000;
/** Results are kept in two generations of half that each: forgetting the older one costs nothing per item. */
const GENERATION = MAX_ENTRIES / 2;

interface CachedVerification {
  compartment: string;
  index: number;
  verification: ItemVerification;
}

/**
 * Verification results per item id, for the page's lifetime: an item is checked once however
 * often it is received (a page of the API, a stream resuming, a new login in the same tab).
 * Only results where both checks passed are kept, and only for the same place in the same
 * log: the id is the hash of the bytes, so the same id is the same signed content, and its
 * inclusion was proven at that index. Failures are always checked again.
 */
export class VerificationCache {
  private recent = new Map<string, CachedVerification>();
  private older = new Map<string, CachedVerification>();

  constructor(private readonly scope: string) {}

  get(id: string, compartment: string, index: number): ItemVerification | undefined {
    const key = `${this.scope}/${id}`;
    const cached = this.recent.get(key) ?? this.older.get(key);
    return cached && cached.compartment === compartment && cached.index === index ? cached.verification : undefined;
  }

  remember(id: string, compartment: string, index: number, verification: ItemVerification): void {
    if (verification.signature.status !== 'verified' || verification.inclusion.status !== 'verified') return;
    // A long log's first sync remembers a hundred thousand results: the oldest go a generation
    // at a time, never by searching for the oldest one.
    if (this.recent.size >= GENERATION) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(`${this.scope}/${id}`, { compartment, index, verification });
  }
}

/** Shared by every sync of the page, scoped by cell and party (their trust stores differ). */
const caches = new Map<string, VerificationCache>();

export function verificationCache(cellId: string, partyId: string): VerificationCache {
  const scope = `${cellId}/${partyId}`;
  let cache = caches.get(scope);
  if (!cache) {
    cache = new VerificationCache(scope);
    caches.set(scope, cache);
  }
  return cache;
}
