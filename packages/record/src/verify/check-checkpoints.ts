// R19 checkpoint syntax and origin, R20 log signatures and time, R21 order.

import { openCheckpoint, parseCheckpoint } from '../note/checkpoint.ts';
import { parseSignedNote } from '../note/signed-note.ts';
import type { CompartmentOuter, ValidCheckpoint, VerifyContext } from './context.ts';

/** [R19–R21] Returns the checkpoints whose log signatures verify, in bundle order. */
export async function checkCheckpoints(context: VerifyContext, compartment: CompartmentOuter): Promise<ValidCheckpoint[]> {
  const { failures, logKey, verifier } = context;
  const origin = compartment.origin;
  const valid: ValidCheckpoint[] = [];
  for (const [position, note] of compartment.checkpoints.entries()) {
    const where = { compartment: compartment.id };
    try {
      const parsed = parseCheckpoint(parseSignedNote(note).text);
      if (parsed.origin !== origin) throw new Error(`origin is ${parsed.origin}, expected ${origin}`);
    } catch (error) {
      failures.add('checkpoint_malformed', `checkpoint ${position}: ${(error as Error).message}`, where);
      continue;
    }
    try {
      const opened = await openCheckpoint(note, logKey, verifier);
      valid.push({ position, size: opened.size, rootHash: opened.rootHash, time: opened.time, text: opened.text });
    } catch (error) {
      failures.add('checkpoint_signature_invalid', `checkpoint ${position}: ${(error as Error).message}`, where);
    }
  }
  // [R21] A log grows: sizes never decrease, and a larger tree is never signed earlier.
  for (let i = 1; i < valid.length; i++) {
    const previous = valid[i - 1]!;
    const current = valid[i]!;
    if (current.size < previous.size || (current.size > previous.size && current.time < previous.time)) {
      failures.add(
        'checkpoint_order',
        `checkpoint ${current.position} (size ${current.size}, time ${current.time}) follows checkpoint ` +
          `${previous.position} (size ${previous.size}, time ${previous.time})`,
        { compartment: compartment.id },
      );
    }
  }
  return valid;
}
