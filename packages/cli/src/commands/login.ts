import os from 'node:os';
import { Command } from 'commander';
import { CellInfo, deviceRegistrationMessage, Device, DeviceList, SessionInfo } from '@fusion-cell/protocol';
import { base64UrlEncode, utf8Encode } from '@fusion-cell/record';
import { ApiClient, normalizeServerUrl } from '../client/api-client.ts';
import { ClientError } from '../client/client-error.ts';
import { homePaths, resolveHome, withHomeFlag } from '../client/client-home.ts';
import { readState, STATE_VERSION, writeState } from '../client/client-state.ts';
import { loadOrCreateDeviceKey, type DeviceKey } from '../client/device-key.ts';
import { readStdin } from '../output.ts';

interface LoginFlags {
  server: string;
  username: string;
  passwordStdin?: boolean;
  label?: string;
  home?: string;
  json?: boolean;
}

export function loginCommand(): Command {
  return withHomeFlag(new Command('login'))
    .description("log in to a cell's server; the first time, create this client's device key and register it")
    .requiredOption('--server <url>', 'the server, for example https://cell.example.org')
    .requiredOption('--username <name>', 'your login name')
    .option('--password-stdin', 'read the password from standard input (it never appears in the process list)')
    .option('--label <text>', 'name of this device as your administrator sees it', `fusion-cell on ${os.hostname()}`.slice(0, 80))
    .option('--json', 'print the result as JSON')
    .action(async (flags: LoginFlags) => {
      if (!flags.passwordStdin) throw new ClientError('give the password on standard input with --password-stdin');
      const password = await readStdin();
      if (!password) throw new ClientError('no password on standard input');
      const home = resolveHome(flags.home);
      const api = new ApiClient(normalizeServerUrl(flags.server));
      const me = await api.login(flags.username, password, SessionInfo);
      const cell = await api.getJson('/api/v1/cell', CellInfo);
      const { key, created } = loadOrCreateDeviceKey(homePaths.deviceKey(home, cell.id, me.member.id));
      const device = await ensureRegistered(api, cell.id, me.member.id, key, flags.label ?? 'fusion-cell');

      const previous = readState(home);
      writeState(home, {
        version: STATE_VERSION,
        server: api.server,
        cell: cell.id,
        member: { id: me.member.id, username: me.member.username, displayName: me.member.displayName },
        party: me.party.id,
        session: api.sessionToken ?? null,
        device: { id: device.id, keyFile: key.file, status: device.status },
        // Pins outlive sessions: they are what a later cosign compares the server against.
        logKeys: previous?.logKeys ?? {},
      });

      if (flags.json) {
        console.log(JSON.stringify({ server: api.server, cell: cell.id, member: me.member, party: me.party.id, device: { id: device.id, status: device.status, keyFile: key.file, created } }, null, 2));
        return;
      }
      console.log(`Logged in to ${api.server} (cell ${cell.id}) as ${me.member.username}, ${me.member.displayName}, party ${me.party.id} (${me.party.name.en}).`);
      console.log(`Device ${device.id} (${created ? 'new key' : 'key'} ${key.file}): ${device.status}.`);
      if (device.status === 'pending') console.log(`An administrator of ${me.party.id} must approve this device before it can send or cosign.`);
      if (device.status === 'revoked') {
        console.log(`This device was revoked. To register a new one, remove ${key.file} and log in again.`);
      }
    });
}

/** The server's record of this key, registering it (with proof of possession) if it has none. */
async function ensureRegistered(api: ApiClient, cellId: string, memberId: string, key: DeviceKey, label: string): Promise<Device> {
  const { devices } = await api.getJson('/api/v1/devices', DeviceList);
  const known = devices.find((device) => device.publicKey === key.publicKeyText);
  if (known) return known;
  const proof = await key.sign(utf8Encode(deviceRegistrationMessage(cellId, memberId, key.publicKeyText)));
  const { body } = await api.postJson('/api/v1/devices', { publicKey: key.publicKeyText, label, proof: base64UrlEncode(proof) }, Device);
  return body;
}
