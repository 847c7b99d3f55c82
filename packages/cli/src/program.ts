import { Command } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };

const { version } = cliPackage;

/**
 * Each subcommand by name, loaded only when asked for: a command imports what it needs (the
 * geometry engine, the STIX schemas, a PDF reader…), and one run of the command line needs one
 * command. Listed in the order help shows them.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand(),
  init: async () => (await import('./commands/init.ts')).initCommand(),
  member: async () => (await import('./commands/member.ts')).memberCommand(),
  device: async () => (await import('./commands/device.ts')).deviceCommand(),
  rebuild: async () => (await import('./commands/rebuild.ts')).rebuildCommand(),
  // Client commands: they talk to a server over its API, or work offline on files.
  login: async () => (await import('./commands/login.ts')).loginCommand(),
  logout: async () => (await import('./commands/logout.ts')).logoutCommand(),
  send: async () => (await import('./commands/send.ts')).sendCommand(),
  submit: async () => (await import('./commands/submit.ts')).submitCommand(),
  attach: async () => (await import('./commands/attach.ts')).attachCommand(),
  inbox: async () => (await import('./commands/watch.ts')).inboxCommand(),
  show: async () => (await import('./commands/show.ts')).showCommand(),
  ack: async () => (await import('./commands/watch.ts')).ackCommand(),
  alert: async () => (await import('./commands/watch.ts')).alertCommand(),
  export: async () => (await import('./commands/export.ts')).exportCommand(),
  prove: async () => (await import('./commands/prove.ts')).proveCommand(),
  verify: async () => (await import('./commands/verify.ts')).verifyCommand(),
  cosign: async () => (await import('./commands/cosign.ts')).cosignCommand(),
  geo: async () => (await import('./commands/geo.ts')).geoCommand(),
  register: async () => (await import('./commands/register.ts')).registerCommand(),
  search: async () => (await import('./commands/search.ts')).searchCommand(),
  stix: async () => (await import('./commands/stix.ts')).stixCommand(),
};

/**
 * The fusion-cell command with the subcommand `argv` names, or with every subcommand when it
 * names none that exists (help, a mistyped name: commander then lists them all).
 */
export async function program(argv: readonly string[] = process.argv): Promise<Command> {
  const root = new Command('fusion-cell')
    .description('Fusion Cell: a joint coordination cell with a signed, tamper-evident record')
    .version(version)
    .showHelpAfterError();
  const named = argv[2];
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of names) root.addCommand(await (COMMANDS[name] as () => Promise<Command>)());
  return root;
}
