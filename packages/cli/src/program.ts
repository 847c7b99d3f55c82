import { createRequire } from 'node:module';
import { Command } from 'commander';
import { attachCommand } from './commands/attach.ts';
import { cosignCommand } from './commands/cosign.ts';
import { deviceCommand } from './commands/device.ts';
import { exportCommand } from './commands/export.ts';
import { registerCommand } from './commands/register.ts';
import { searchCommand } from './commands/search.ts';
import { geoCommand } from './commands/geo.ts';
import { initCommand } from './commands/init.ts';
import { loginCommand } from './commands/login.ts';
import { logoutCommand } from './commands/logout.ts';
import { memberCommand } from './commands/member.ts';
import { proveCommand } from './commands/prove.ts';
import { rebuildCommand } from './commands/rebuild.ts';
import { sendCommand } from './commands/send.ts';
import { submitCommand } from './commands/submit.ts';
import { stixCommand } from './commands/stix.ts';
import { serveCommand } from './commands/serve.ts';
import { showCommand } from './commands/show.ts';
import { verifyCommand } from './commands/verify.ts';
import { ackCommand, alertCommand, inboxCommand } from './commands/watch.ts';

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
    .addCommand(deviceCommand())
    .addCommand(rebuildCommand())
    // Client commands: they talk to a server over its API, or work offline on files.
    .addCommand(loginCommand())
    .addCommand(logoutCommand())
    .addCommand(sendCommand())
    .addCommand(submitCommand())
    .addCommand(attachCommand())
    .addCommand(inboxCommand())
    .addCommand(showCommand())
    .addCommand(ackCommand())
    .addCommand(alertCommand())
    .addCommand(exportCommand())
    .addCommand(proveCommand())
    .addCommand(verifyCommand())
    .addCommand(cosignCommand())
    .addCommand(geoCommand())
    .addCommand(registerCommand())
    .addCommand(searchCommand())
    .addCommand(stixCommand());
}
