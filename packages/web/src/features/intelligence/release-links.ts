import { useEffect, useMemo, useState } from 'react';
import { releaseOpens } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { verdictOf, type SyncedItem } from '../../sync/sync-types.ts';
import { useItemGraph, type ItemGraph } from '../items/item-graph.ts';

/** A release and its original, as a note of the cell in the original's compartment ties them. */
export interface ReleaseTie {
  note: SyncedItem;
  original: string;
  release: string;
  nonce: string;
  /** The release itself, when this browser holds it (it reads the broader compartment, so it should). */
  releaseItem: SyncedItem | undefined;
}

const NOTE_TYPE = 'intel.release.note';

function tieOf(note: SyncedItem, graph: ItemGraph): ReleaseTie | undefined {
  const envelope = note.signed?.envelope;
  // Only the cell writes notes: anything else of that type, or one that failed here, ties nothing.
  if (envelope?.type !== NOTE_TYPE || envelope.author !== CELL_AUTHOR || verdictOf(note.verification) === 'failed') return undefined;
  const [original] = envelope.references;
  const { release, nonce } = envelope.payload as { release?: unknown; nonce?: unknown };
  if (original === undefined || typeof release !== 'string' || typeof nonce !== 'string') return undefined;
  return { note, original, release, nonce, releaseItem: graph.byId.get(release) };
}

/**
 * Every release tie this browser can see: only readers of an original hold the note that ties
 * it, so readers of the broader compartment alone find none.
 */
export function useReleaseTies(): { byOriginal: ReadonlyMap<string, ReleaseTie[]>; byCommitment: ReadonlyMap<string, ReleaseTie> } {
  const graph = useItemGraph();
  return useMemo(() => {
    const byOriginal = new Map<string, ReleaseTie[]>();
    const byCommitment = new Map<string, ReleaseTie>();
    for (const item of graph.byId.values()) {
      const tie = tieOf(item, graph);
      if (!tie) continue;
      byOriginal.set(tie.original, [...(byOriginal.get(tie.original) ?? []), tie]);
      const commitment = tie.releaseItem?.signed?.envelope.payload['original'];
      if (typeof commitment === 'string') byCommitment.set(commitment, tie);
    }
    return { byOriginal, byCommitment };
  }, [graph]);
}

export type CommitmentCheck = 'checking' | 'opens' | 'fails' | 'unknown';

/**
 * Whether the release's commitment opens, here, with the note's nonce to the original's leaf
 * hash (record SPEC R44): computed with this browser's WebCrypto, never taken from the server.
 */
export function useCommitmentCheck(commitment: string | undefined, nonce: string, original: string): CommitmentCheck {
  const [result, setResult] = useState<CommitmentCheck>('checking');
  useEffect(() => {
    if (commitment === undefined) {
      setResult('unknown');
      return;
    }
    let current = true;
    setResult('checking');
    releaseOpens(commitment, nonce, original).then(
      (opens) => current && setResult(opens ? 'opens' : 'fails'),
      () => current && setResult('fails'),
    );
    return () => {
      current = false;
    };
  }, [commitment, nonce, original]);
  return result;
}
