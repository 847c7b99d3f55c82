import { base64Decode, base64Encode, formatVerifierKey, logKeyName, type NamedSigner } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, publicKeyFromPrivateKey } from '@fusion-cell/record/node';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';

/** The cell's log key: it signs checkpoints and the entries the cell itself records. */
export interface LogKey {
  signer: NamedSigner;
  /** The signed-note verifier key, `fusion-cell/<cell>+<key id>+<key>`, that parties pin. */
  verifierKey: string;
}

/**
 * Loads the cell's log key, creating it on first use. It lives in the database so every
 * server instance signs with the same key; the insert is idempotent across instances.
 */
export async function loadOrCreateLogKey(db: Kysely<Database>, cellId: string, clock: Clock): Promise<LogKey> {
  const name = logKeyName(cellId);
  let row = await db.selectFrom('log_keys').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) {
    const pair = generateKeyPair();
    await db
      .insertInto('log_keys')
      .values({ name, public_key: base64Encode(pair.publicKey), private_key: base64Encode(pair.privateKey), created_at: clock.now() })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
    row = await db.selectFrom('log_keys').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  }
  const privateKey = base64Decode(row.private_key);
  const publicKey = publicKeyFromPrivateKey(privateKey);
  return { signer: { name, publicKey, sign: nodeSigner(privateKey) }, verifierKey: formatVerifierKey(name, publicKey) };
}
