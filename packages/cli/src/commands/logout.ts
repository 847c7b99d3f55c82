import { Command } from 'commander';
import { ApiClient } from '../client/api-client.ts';
import { resolveHome, withHomeFlag } from '../client/client-home.ts';
import { readState, writeState } from '../client/client-state.ts';

export function logoutCommand(): Command {
  return withHomeFlag(new Command('logout'))
    .description('end the session; the device key, pinned log key and verified checkpoints stay')
    .action(async (flags: { home?: string }) => {
      const home = resolveHome(flags.home);
      const state = readState(home);
      if (!state?.session) {
        console.log('Not logged in.');
        return;
      }
      let ended = true;
      try {
        await new ApiClient(state.server, state.session).post('/api/v1/auth/logout');
      } catch {
        // The session is forgotten here either way; an unreachable server lets it expire.
        ended = false;
      }
      writeState(home, { ...state, session: null });
      console.log(ended ? `Logged out of ${state.server}.` : `Forgot the session; ${state.server} could not be told, so it ends when it expires.`);
    });
}
