import {
  CellInfo,
  CreateMemberResponse,
  Device,
  DeviceList,
  Member,
  MemberList,
  SessionInfo,
  type CreateMemberRequest,
  type LoginRequest,
  type RegisterDeviceRequest,
} from '@fusion-cell/protocol';
import { apiRequest } from './client.ts';

/** The API calls the app makes, each typed by the protocol schema of its answer. */
export const api = {
  login: (request: LoginRequest) => apiRequest('POST', '/api/v1/auth/login', SessionInfo, { body: request, sessionless: true }),
  logout: () => apiRequest('POST', '/api/v1/auth/logout', null, { sessionless: true }),
  // A missing or expired session here is the normal answer before login, not an event.
  me: () => apiRequest('GET', '/api/v1/auth/me', SessionInfo, { sessionless: true }),
  cell: () => apiRequest('GET', '/api/v1/cell', CellInfo),

  members: () => apiRequest('GET', '/api/v1/members', MemberList),
  createMember: (request: CreateMemberRequest) => apiRequest('POST', '/api/v1/members', CreateMemberResponse, { body: request }),
  setMemberDisabled: (memberId: string, disabled: boolean) =>
    apiRequest('POST', `/api/v1/members/${encodeURIComponent(memberId)}/${disabled ? 'disable' : 'enable'}`, Member),

  devices: (scope: 'own' | 'party') => apiRequest('GET', `/api/v1/devices?scope=${scope}`, DeviceList),
  registerDevice: (request: RegisterDeviceRequest) => apiRequest('POST', '/api/v1/devices', Device, { body: request }),
  // An empty decision: the cell attests it. A decision signed by the administrator's own
  // device (`signedBy`) comes with signing.
  approveDevice: (deviceId: string) => apiRequest('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/approve`, Device, { body: {} }),
  revokeDevice: (deviceId: string) => apiRequest('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`, Device, { body: {} }),
};
