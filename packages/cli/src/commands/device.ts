import { Command } from 'commander';
import { databaseSettings, withDatabaseFlags, type DatabaseFlags } from '../database-options.ts';
import { printTable } from '../output.ts';
import { loadOperator } from '../server-module.ts';

export function deviceCommand(): Command {
  const device = new Command('device').description("manage members' device keys (on the server's database)");

  withDatabaseFlags(device.command('list'))
    .description('list every registered device')
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { json?: boolean }) => {
      const { openOperatorConsole } = await loadOperator();
      const operator = await openOperatorConsole(databaseSettings(flags));
      try {
        const devices = await operator.listDevices();
        printTable(
          devices.map((entry) => ({ id: entry.id, member: entry.username, label: entry.label, status: entry.status, key: entry.publicKey, registered: entry.registeredAt })),
          flags.json ?? false,
        );
      } finally {
        await operator.close();
      }
    });

  for (const [verb, status] of [['approve', 'approved'], ['revoke', 'revoked']] as const) {
    withDatabaseFlags(device.command(verb))
      .description(`${verb} a device as the operator (recorded as approved by the cell)`)
      .argument('<device-id>')
      .action(async (deviceId: string, flags: DatabaseFlags) => {
        const { openOperatorConsole } = await loadOperator();
        const operator = await openOperatorConsole(databaseSettings(flags));
        try {
          const updated = await operator.setDeviceStatus(deviceId, status);
          console.log(`Device ${updated.id} of ${updated.username} is ${updated.status}.`);
        } finally {
          await operator.close();
        }
      });
  }
  return device;
}
