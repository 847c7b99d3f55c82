import { Command } from 'commander';
import fs from 'node:fs';
import { formatFieldPath, ITEM_TYPE_LIST, itemTypeDefinition, newReleaseNonce, releaseCommitment, Track } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { printReceipt, submitItem } from '../client/submit-item.ts';
import { readStdin } from '../output.ts';
import { itemIdArgument, oneOf } from './send.ts';

interface SubmitFlags {
  type: string;
  compartment: string;
  track: Track;
  payload: string;
  ref: string[];
  releaseOf?: string;
  json?: boolean;
  home?: string;
}

const submittable = ITEM_TYPE_LIST.filter((type) => !type.cellOnly).map((type) => type.type);

/**
 * Signs and enters an item of any registered type, its payload read as JSON from a file or
 * standard input and checked here against the type's own schema first, so a script learns of
 * a mistake before anything is signed.
 */
export function submitCommand(): Command {
  return withHomeFlag(new Command('submit'))
    .description('sign an item of any type with this device and enter it in a compartment’s log')
    .requiredOption('--type <type>', `item type: ${submittable.join(', ')}`, oneOf('item type', submittable))
    .requiredOption('--compartment <id>', 'compartment, such as plenary or caucus-sy')
    .requiredOption('--track <track>', `one of ${Track.options.join(', ')}`, oneOf('track', Track.options))
    .requiredOption('--payload <file>', 'the payload as a JSON object: a file, or - for standard input')
    .option('--ref <item-id>', 'an item it refers to (the one it answers first); repeatable', itemIdArgument, [])
    .option('--release-of <item-id>', 'for an intel.release: the original it is an extract of; its commitment is computed here with a fresh nonce (record SPEC R44)', (value: string) => itemIdArgument(value, [])[0])
    .option('--json', 'print the receipt as JSON')
    .action(async (flags: SubmitFlags) => {
      const definition = itemTypeDefinition(flags.type);
      if (!definition) throw new ClientError(`there is no item type "${flags.type}"`);
      if (!definition.tracks.includes(flags.track)) throw new ClientError(`${flags.type} items are filed under ${definition.tracks.join(', ')}, not ${flags.track}`);
      const text = flags.payload === '-' ? await readStdin() : readPayloadFile(flags.payload);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ClientError(`the payload is not JSON: ${(error as Error).message}`);
      }
      // A release's payload commits to its original; the original and the nonce go beside the envelope.
      const nonce = newReleaseNonce();
      if (flags.releaseOf !== undefined) {
        if (flags.type !== 'intel.release') throw new ClientError('--release-of goes with --type intel.release');
        if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ClientError('the payload is not a JSON object');
        json = { ...json, original: await releaseCommitment(nonce, flags.releaseOf) };
      }
      const payload = definition.payload.safeParse(json);
      if (!payload.success) {
        const [issue] = payload.error.issues;
        throw new ClientError(`the payload is not a valid ${flags.type}: ${formatFieldPath(['payload', ...(issue?.path ?? [])])}: ${issue?.message ?? 'invalid'}`);
      }
      const receipt = await submitItem(openSession(flags.home), {
        compartment: flags.compartment,
        type: flags.type,
        track: flags.track,
        payload: payload.data as JsonObject,
        references: flags.ref,
        ...(flags.releaseOf !== undefined ? { release: { original: flags.releaseOf, nonce } } : {}),
      });
      printReceipt(receipt, flags.json, 'Entered');
    });
}

function readPayloadFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClientError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
