import { createRequire } from 'node:module';
import { Command } from 'commander';
import { deviceCommand } from './commands/device.ts';
import { initCommand } from './commands/init.ts';
import { memberCommand } from './commands/member.ts';
import { serveCommand } from './commands/serve.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The fusion-cell command and its subcommands. */
export function program(): Command {
  return new Command('fusion-cell')
    .description('Fusion Cell: a joint coordination cell with a signed, tamper-evident record')
    .version(version)
    .showHelpAfterError()
    .addCommand(serveCommand())
    .addCommand(initCommand())
    .addCommand(memberCommand())
    .addCommand(deviceCommand());
}
