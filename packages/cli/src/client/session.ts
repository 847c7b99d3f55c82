import { ApiClient } from './api-client.ts';
import { ClientError } from './client-error.ts';
import { resolveHome } from './client-home.ts';
import { requireLoggedIn, writeState, type ClientState } from './client-state.ts';
import { loadDeviceKey, type DeviceKey } from './device-key.ts';

/** A logged-in client: its home, remembered state and an API client carrying the session. */
export interface ClientSession {
  home: string;
  state: ClientState & { session: string };
  api: ApiClient;
}

export function openSession(homeFlag: string | undefined): ClientSession {
  const home = resolveHome(homeFlag);
  const state = requireLoggedIn(home);
  return { home, state, api: new ApiClient(state.server, state.session) };
}

/** Changes the remembered state, on disk and in this session, so later changes build on it. */
export function updateState(session: ClientSession, change: (state: ClientSession['state']) => ClientSession['state']): void {
  session.state = change(session.state);
  writeState(session.home, session.state);
}

/** The device this client signs with, and its id on the server. */
export function requireDevice(session: ClientSession): { id: string; key: DeviceKey } {
  const device = session.state.device;
  if (!device) throw new ClientError('this client has no registered device; run fusion-cell login again');
  return { id: device.id, key: loadDeviceKey(device.keyFile) };
}
