import { Command, InvalidArgumentError } from 'commander';
import { Role, type Member } from '@fusion-cell/protocol';
import { databaseSettings, withDatabaseFlags, type DatabaseFlags } from '../database-options.ts';
import { printTable, readStdin } from '../output.ts';
import { loadOperator } from '../server-module.ts';

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  for (const role of roles) {
    if (!Role.safeParse(role).success) throw new InvalidArgumentError(`unknown role "${role}"; roles are ${Role.options.join(', ')}`);
  }
  return roles as Role[];
}

const rowOf = (member: Member) => ({
  party: member.party,
  username: member.username,
  name: member.displayName,
  roles: member.roles.join(','),
  status: member.disabled ? 'disabled' : 'active',
});

export function memberCommand(): Command {
  const member = new Command('member').description("manage members' accounts (on the server's database)");

  withDatabaseFlags(member.command('list'))
    .description('list members')
    .option('--party <party>', 'only this party')
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { party?: string; json?: boolean }) => {
      const { openOperatorConsole } = await loadOperator();
      const operator = await openOperatorConsole(databaseSettings(flags));
      try {
        printTable((await operator.listMembers(flags.party)).map(rowOf), flags.json ?? false);
      } finally {
        await operator.close();
      }
    });

  withDatabaseFlags(member.command('add'))
    .description('add a member; prints a generated password unless --password-stdin')
    .requiredOption('--party <party>', 'party id')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--display-name <name>', 'name shown to others')
    .requiredOption('--roles <roles>', `comma-separated: ${Role.options.join(', ')}`, parseRoles)
    .option('--password-stdin', 'read the password from standard input')
    .action(async (flags: DatabaseFlags & { party: string; username: string; displayName: string; roles: Role[]; passwordStdin?: boolean }) => {
      const password = flags.passwordStdin ? await readStdin() : undefined;
      const { openOperatorConsole } = await loadOperator();
      const operator = await openOperatorConsole(databaseSettings(flags));
      try {
        const created = await operator.addMember(flags.party, {
          username: flags.username,
          displayName: flags.displayName,
          roles: flags.roles,
          ...(password === undefined ? {} : { password }),
        });
        console.log(`Added ${created.member.username} to ${created.member.party}.`);
        if (created.generatedPassword) console.log(`Password (shown once): ${created.generatedPassword}`);
      } finally {
        await operator.close();
      }
    });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    withDatabaseFlags(member.command(verb))
      .description(disabled ? 'disable a member and end their sessions' : 'enable a disabled member')
      .argument('<username>')
      .action(async (username: string, flags: DatabaseFlags) => {
        const { openOperatorConsole } = await loadOperator();
        const operator = await openOperatorConsole(databaseSettings(flags));
        try {
          const updated = await operator.setMemberDisabled(username, disabled);
          console.log(`${updated.username} is ${updated.disabled ? 'disabled' : 'active'}.`);
        } finally {
          await operator.close();
        }
      });
  }
  return member;
}
