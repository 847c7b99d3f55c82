import { Command, InvalidArgumentError } from 'commander';
import { CompartmentLogList } from '@fusion-cell/protocol';
import { ApiError } from '../client/api-client.ts';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { writePrivateFile } from '../client/private-file.ts';
import { checkTlogProof } from '../client/proof-check.ts';
import { openSession, type ClientSession } from '../client/session.ts';

interface ProveFlags {
  item: string;
  out?: string;
  wait: number;
  home?: string;
}

const RETRY_MS = 250;

export function proveCommand(): Command {
  return withHomeFlag(new Command('prove'))
    .description('download one item with its inclusion proof (c2sp.org/tlog-proof@v1), to show it to anyone')
    .requiredOption('--item <id>', 'the item id (from send or the web app)')
    .option('--out <file>', 'write the proof here (mode 0600) instead of standard output')
    .option('--wait <seconds>', 'how long to wait for a checkpoint to cover a new item', seconds, 10)
    .action(async (flags: ProveFlags) => {
      const session = openSession(flags.home);
      const proof = await fetchProof(session, flags.item, flags.wait * 1000);
      const logKey = await trustedLogKey(session);
      // Checked before it is handed on: a proof that does not verify here would only mislead.
      const check = await checkTlogProof(proof, { logKey });
      if (!check.ok) throw new ClientError(`the server's proof does not verify: ${check.code}: ${check.message}`);
      if (!flags.out) {
        process.stdout.write(proof);
        return;
      }
      writePrivateFile(flags.out, proof);
      console.log(`Proof of entry #${check.index} of ${check.origin} (tree size ${check.size}) written to ${flags.out}.`);
      console.log(`Anyone can check it with: fusion-cell verify ${flags.out} --log-key ${logKey}`);
    });
}

function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 600) throw new InvalidArgumentError('give a number of seconds from 0 to 600');
  return number;
}

/** The proof, retrying while no checkpoint covers the item yet (the log signs about once a second). */
async function fetchProof(session: ClientSession, item: string, waitMs: number): Promise<string> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await session.api.getText(`/api/v1/items/${encodeURIComponent(item)}/proof`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'conflict' || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** The pinned log key of the cell, else the one the server announces. */
async function trustedLogKey(session: ClientSession): Promise<string> {
  const announced = (await session.api.getJson('/api/v1/record', CompartmentLogList)).logKey;
  const pinned = session.state.logKeys[session.state.cell];
  if (pinned && pinned !== announced) {
    throw new ClientError(`ALARM: the server now announces the log key ${announced}, but this client pinned ${pinned}`);
  }
  return pinned ?? announced;
}
