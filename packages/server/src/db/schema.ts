
/**
 * Tables as Kysely sees them. The same schema runs on SQLite and PostgreSQL, so it sticks to
 * portable types: text, integer and bigint (milliseconds since the epoch), and JSON stored
 * as text. Booleans are 0/1 integers.
 */
export interface Database {
  cells: CellTable;
  parties: PartyTable;
  compartments: CompartmentTable;
  compartment_parties: CompartmentPartyTable;
  members: MemberTable;
  devices: DeviceTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
}

export interface CellTable {
  id: string;
  name: string;
  languages: string;
  tracks: string;
  agreements: string;
  rules: string;
  zones: string;
  auto_approve_devices: number;
  created_at: number;
}

export interface PartyTable {
  id: string;
  kind: string;
  name: string;
  position: number;
}

export interface CompartmentTable {
  id: string;
  kind: string;
  owner: string | null;
  position: number;
}

export interface CompartmentPartyTable {
  compartment_id: string;
  party_id: string;
}

export interface MemberTable {
  id: string;
  party_id: string;
  username: string;
  display_name: string;
  roles: string;
  email: string | null;
  password_hash: string;
  disabled: number;
  created_at: number;
}

export interface DeviceTable {
  id: string;
  member_id: string;
  label: string;
  public_key: string;
  status: string;
  registered_at: number;
  approved_at: number | null;
  approved_by: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface SessionTable {
  token_hash: string;
  member_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: number;
  updated_at: number;
}
