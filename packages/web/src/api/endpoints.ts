import {
  CellInfo,
  CompartmentLogList,
  ConsistencyProof,
  CreateMemberResponse,
  Device,
  DeviceList,
  Directory,
  Inbox,
  type InboxView,
  InclusionProof,
  ItemReceipt,
  LogEntryList,
  Member,
  MemberList,
  NotificationSettings,
  Presence,
  SessionInfo,
  type CosignatureRequest,
  type CreateMemberRequest,
  type DeviceDecision,
  type LoginRequest,
  type RegisterDeviceRequest,
  type ReleaseOpening,
} from '@fusion-cell/protocol';
import type { SignedEnvelope } from '@fusion-cell/record';
import { apiRequest } from './client.ts';

const compartmentPath = (compartmentId: string) => `/api/v1/compartments/${encodeURIComponent(compartmentId)}`;

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
  // An empty decision is attested by the cell's log key; one with `signedBy` is signed by
  // the administrator's own device.
  approveDevice: (deviceId: string, decision: DeviceDecision = {}) =>
    apiRequest('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/approve`, Device, { body: decision }),
  revokeDevice: (deviceId: string, decision: DeviceDecision = {}) =>
    apiRequest('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`, Device, { body: decision }),

  submitItem: (signed: SignedEnvelope, release?: ReleaseOpening) => apiRequest('POST', '/api/v1/items', ItemReceipt, { body: release ? { ...signed, release } : signed }),
  record: () => apiRequest('GET', '/api/v1/record', CompartmentLogList),
  entries: (compartmentId: string, start: number, limit: number) =>
    apiRequest('GET', `${compartmentPath(compartmentId)}/entries?start=${start}&limit=${limit}`, LogEntryList),
  inclusionProof: (compartmentId: string, index: number, size: number) =>
    apiRequest('GET', `${compartmentPath(compartmentId)}/proof/inclusion?index=${index}&size=${size}`, InclusionProof),
  consistencyProof: (compartmentId: string, from: number, to: number) =>
    apiRequest('GET', `${compartmentPath(compartmentId)}/proof/consistency?from=${from}&to=${to}`, ConsistencyProof),
  cosign: (compartmentId: string, request: CosignatureRequest) => apiRequest('POST', `${compartmentPath(compartmentId)}/cosignatures`, null, { body: request }),
  directory: () => apiRequest('GET', '/api/v1/directory', Directory),

  inbox: (view: InboxView) => apiRequest('GET', `/api/v1/inbox?view=${view}`, Inbox),
  presence: () => apiRequest('GET', '/api/v1/presence', Presence),
  notificationSettings: (partyId: string) => apiRequest('GET', `/api/v1/parties/${encodeURIComponent(partyId)}/notifications`, NotificationSettings),
  saveNotificationSettings: (partyId: string, settings: NotificationSettings) =>
    apiRequest('PUT', `/api/v1/parties/${encodeURIComponent(partyId)}/notifications`, NotificationSettings, { body: settings }),
};
