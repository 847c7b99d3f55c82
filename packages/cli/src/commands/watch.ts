import { Command, InvalidArgumentError } from 'commander';
import { ACK_LEVELS, ALERT_SEVERITIES, AckPayload, AlertPayload, Inbox, Language, LogEntry, type AckLevel } from '@fusion-cell/protocol';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { itemTitle } from '../client/item-title.ts';
import { openSession } from '../client/session.ts';
import { printReceipt, submitItem } from '../client/submit-item.ts';
import { printTable } from '../output.ts';
import { oneOf } from './send.ts';

/** `fusion-cell inbox`: what the party must answer, for scripts and a desk without a browser. */
export function inboxCommand(): Command {
  return withHomeFlag(new Command('inbox'))
    .description("list what your party must acknowledge or answer, most urgent first (--overdue: every party's, for supervisors)")
    .option('--overdue', "everything overdue in your compartments, whoever owes it")
    .option('--json', 'print JSON')
    .action(async (flags: { overdue?: boolean; json?: boolean; home?: string }) => {
      const session = openSession(flags.home);
      const inbox = await session.api.getJson(`/api/v1/inbox?view=${flags.overdue ? 'overdue' : 'mine'}`, Inbox);
      if (flags.json) {
        console.log(JSON.stringify(inbox, null, 2));
        return;
      }
      if (inbox.channel.status === 'suspended') console.log(`The channel is suspended since ${inbox.channel.since}.`);
      printTable(
        inbox.entries.map((entry) => ({
          deadline: entry.dueAt,
          state: entry.overdue ? (entry.escalatedAt ? 'ESCALATED' : 'OVERDUE') : entry.urgent ? 'URGENT' : '',
          owes: entry.party,
          what: entry.kind === 'ack' ? `ack ${entry.required}` : `reply ${entry.required}`,
          type: entry.type,
          compartment: entry.compartment,
          from: entry.authorParty,
          title: itemTitle(entry.type, entry.leaf),
          item: entry.item,
        })),
        false,
      );
    });
}

/** `fusion-cell ack`: a signed acknowledgment of one item, at a level. */
export function ackCommand(): Command {
  return withHomeFlag(new Command('ack'))
    .description('acknowledge an item with this device: received, understood (with --read-back), accepted or contested (with --reason)')
    .requiredOption('--item <id>', 'the item to acknowledge')
    .requiredOption('--level <level>', ACK_LEVELS.join(', '), oneOf('level', ACK_LEVELS))
    .option('--read-back <text>', 'for understood: the item in your own words')
    .option('--reason <text>', 'for contested: why')
    .option('--language <lang>', `language of the read-back or reason: ${Language.options.join(', ')}`, oneOf('language', Language.options))
    .option('--json', 'print the receipt as JSON')
    .action(async (flags: { item: string; level: AckLevel; readBack?: string; reason?: string; language?: Language; json?: boolean; home?: string }) => {
      const text = flags.readBack ?? flags.reason;
      const payload = AckPayload.safeParse({
        level: flags.level,
        ...(flags.readBack === undefined ? {} : { readBack: flags.readBack }),
        ...(flags.reason === undefined ? {} : { reason: flags.reason }),
        ...(text === undefined ? {} : { language: flags.language ?? 'en' }),
      });
      if (!payload.success) throw new ClientError(`the acknowledgment cannot be sent: ${payload.error.issues.map((issue) => issue.message).join('; ')}`);
      const session = openSession(flags.home);
      // An acknowledgment goes where its item is, under the same track.
      const item = await session.api.getJson(`/api/v1/items/${encodeURIComponent(flags.item)}`, LogEntry);
      const { envelope } = JSON.parse(item.leaf) as { envelope: { track: string } };
      const receipt = await submitItem(session, { compartment: item.compartment, type: 'ack', track: envelope.track, payload: payload.data, references: [item.id] });
      printReceipt(receipt, flags.json, `Acknowledged (${flags.level}) as`);
    });
}

/** `fusion-cell alert`: the hotline from a script or a terminal. */
export function alertCommand(): Command {
  return withHomeFlag(new Command('alert'))
    .description('raise an alert (hotline): the other side must acknowledge it within minutes')
    .requiredOption('--compartment <id>', 'plenary, or a caucus')
    .requiredOption('--title <text>', 'what happened, in a line')
    .option('--description <text>', 'more detail', '')
    .option('--severity <severity>', ALERT_SEVERITIES.join(', '), oneOf('severity', ALERT_SEVERITIES), 'immediate')
    .option('--track <track>', 'track it is filed under', 'deescalation')
    .option('--language <lang>', Language.options.join(', '), oneOf('language', Language.options), 'en')
    .option('--json', 'print the receipt as JSON')
    .action(async (flags: { compartment: string; title: string; description: string; severity: string; track: string; language: Language; json?: boolean; home?: string }) => {
      const payload = AlertPayload.safeParse({ title: flags.title, description: flags.description, severity: flags.severity, language: flags.language });
      if (!payload.success) throw new InvalidArgumentError(payload.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const session = openSession(flags.home);
      const receipt = await submitItem(session, { compartment: flags.compartment, type: 'alert', track: flags.track, payload: payload.data, references: [] });
      printReceipt(receipt, flags.json, 'Alert');
    });
}
