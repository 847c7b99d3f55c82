import { Command, InvalidArgumentError } from 'commander';
import { Language, MessagePayload, Track } from '@fusion-cell/protocol';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { printReceipt, submitItem } from '../client/submit-item.ts';
import { readStdin } from '../output.ts';

interface SendFlags {
  compartment: string;
  track: Track;
  text?: string;
  textStdin?: boolean;
  language: Language;
  ackRequested?: boolean;
  reference: string[];
  json?: boolean;
  home?: string;
}

export function oneOf<T extends string>(name: string, options: readonly T[]) {
  return (value: string): T => {
    if (!(options as readonly string[]).includes(value)) throw new InvalidArgumentError(`unknown ${name} "${value}"; use one of ${options.join(', ')}`);
    return value as T;
  };
}

export function itemIdArgument(value: string, previous: string[]): string[] {
  if (!/^[A-Za-z0-9_-]{43}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not an item id (43 characters of base64url)`);
  return [...previous, value];
}

export function sendCommand(): Command {
  return withHomeFlag(new Command('send'))
    .description('sign a message with this device and enter it in a compartment’s log')
    .requiredOption('--compartment <id>', 'compartment, such as plenary or caucus-sy')
    .requiredOption('--track <track>', `one of ${Track.options.join(', ')}`, oneOf('track', Track.options))
    .option('--text <text>', 'the message')
    .option('--text-stdin', 'read the message from standard input')
    .option('--language <lang>', `authoritative language: ${Language.options.join(', ')}`, oneOf('language', Language.options), 'en')
    .option('--ack-requested', 'the recipients must acknowledge it')
    .option('--reference <item-id>', 'an item this message refers to; repeatable', itemIdArgument, [])
    .option('--json', 'print the receipt as JSON')
    .action(async (flags: SendFlags) => {
      if ((flags.text === undefined) === !flags.textStdin) throw new ClientError('give the message with --text or --text-stdin (one of them)');
      const text = flags.text ?? (await readStdin());
      const payload = MessagePayload.safeParse({ text, language: flags.language, ...(flags.ackRequested ? { ackRequested: true } : {}) });
      if (!payload.success) throw new ClientError(`the message cannot be sent: ${payload.error.issues[0]?.message ?? 'invalid'}`);

      const session = openSession(flags.home);
      const receipt = await submitItem(session, {
        compartment: flags.compartment,
        type: 'message',
        track: flags.track,
        payload: payload.data,
        references: flags.reference,
      });
      printReceipt(receipt, flags.json);
    });
}
