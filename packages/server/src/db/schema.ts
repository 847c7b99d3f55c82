import type { SearchDocumentTable } from '../search/search-tables.ts';

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
  known_logins: KnownLoginTable;
  log_keys: LogKeyTable;
  log_heads: LogHeadTable;
  log_entries: LogEntryTable;
  log_nodes: LogNodeTable;
  checkpoints: CheckpointTable;
  cosignatures: CosignatureTable;
  device_attestations: DeviceAttestationTable;
  items: ItemTable;
  item_references: ItemReferenceTable;
  acknowledgments: AcknowledgmentTable;
  obligations: ObligationTable;
  timers: TimerTable;
  presence: PresenceTable;
  party_settings: PartySettingsTable;
  outbox: OutboxTable;
  lifecycle_states: LifecycleStateTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  document_signings: DocumentSigningTable;
  findings: FindingTable;
  geo_features: GeoFeatureTable;
  attachments: AttachmentTable;
  attachment_uploads: AttachmentUploadTable;
  item_evidence: ItemEvidenceTable;
  search_documents: SearchDocumentTable;
  releases: ReleaseTable;
  joint_text_brackets: JointTextBracketTable;
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

export interface KnownLoginTable {
  token_hash: string;
  member_id: string;
  last_login_at: number;
}

export interface LogKeyTable {
  name: string;
  public_key: string;
  /** PKCS#8 DER, base64. */
  private_key: string;
  created_at: number;
}

export interface LogHeadTable {
  compartment_id: string;
  size: number;
  /** base64 of the root hash at `size`. */
  root_hash: string;
}

export interface LogEntryTable {
  compartment_id: string;
  idx: number;
  item_id: string;
  /** The leaf data: canonical JSON of the signed envelope, exactly as hashed. */
  leaf: string;
  received_at: number;
}

export interface LogNodeTable {
  compartment_id: string;
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface CheckpointTable {
  compartment_id: string;
  size: number;
  root_hash: string;
  /** The signed note as the log key signed it, without cosignatures. */
  note: string;
  signed_at: number;
}

export interface CosignatureTable {
  compartment_id: string;
  size: number;
  device_id: string;
  party_id: string;
  line: string;
  received_at: number;
}

export interface DeviceAttestationTable {
  device_id: string;
  kind: string;
  /** JSON of the signed DeviceAttestation. */
  attestation: string;
  at: number;
}

/** Derived from the logs: rebuilt identically by `fusion-cell rebuild`. */
export interface ItemTable {
  id: string;
  compartment_id: string;
  idx: number;
  type: string;
  track: string;
  author_id: string;
  device_id: string;
  authored_at: number;
  received_at: number;
}

export interface ItemReferenceTable {
  item_id: string;
  referenced_id: string;
}

/** Derived: the highest acknowledgment each party gave each item. */
export interface AcknowledgmentTable {
  item_id: string;
  party_id: string;
  level: string;
  ack_item_id: string;
  member_id: string;
  at: number;
}

/** Derived: what a party owes for an item (an acknowledgment level or a reply), and by when. */
export interface ObligationTable {
  item_id: string;
  party_id: string;
  compartment_id: string;
  kind: 'ack' | 'reply';
  required: string;
  received_at: number;
  due_at: number;
  urgent: number;
  met_at: number | null;
  met_by: string | null;
  escalated_at: number | null;
  escalation_item_id: string | null;
}

/** Durable timers: claimed by one instance at a time, fired at most once in effect. */
export interface TimerTable {
  id: string;
  kind: string;
  due_at: number;
  item_id: string | null;
  party_id: string | null;
  status: 'pending' | 'done';
  claimed_until: number | null;
  attempts: number;
  last_error: string | null;
}

export interface PresenceTable {
  member_id: string;
  instance_id: string;
  connections: number;
  since: number;
  updated_at: number;
}

export interface PartySettingsTable {
  party_id: string;
  emails: string;
  webhooks: string;
  updated_at: number;
}

export interface OutboxTable {
  id: string;
  party_id: string;
  channel: 'email' | 'webhook';
  target: string;
  subject: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  last_error: string | null;
  created_at: number;
}

/** Where a lifecycle stands: `cell:<name>` for the cell's own, the subject item's id for an item's. */
export interface LifecycleStateTable {
  subject: string;
  lifecycle: string;
  state: string;
  /** The item that started it or last moved it. */
  item_id: string;
  since: number;
}

/** A co-signed document: its first version's id, its latest version and the one in force. */
export interface DocumentTable {
  id: string;
  type: string;
  compartment_id: string;
  latest_version_id: string;
  latest_number: number;
  in_force_version_id: string | null;
  in_force_number: number | null;
}

export interface DocumentVersionTable {
  version_id: string;
  document_id: string;
  number: number;
  supersedes: string | null;
  author_party: string;
  received_at: number;
}

/** A party's initials or signature on one version, as its `document.sign` item recorded it. */
export interface DocumentSigningTable {
  item_id: string;
  version_id: string;
  document_id: string;
  party_id: string;
  act: 'initials' | 'signature';
  received_at: number;
}

/** The result of one of the cell's automatic checks on an item, as its finding recorded it. */
export interface FindingTable {
  item_id: string;
  subject_id: string;
  check_key: string;
  result: 'clear' | 'flagged';
  compartment_id: string;
  received_at: number;
}

/** A place an item names (a zone version's area, a notice's, an incident's), with its bounds and window. */
export interface GeoFeatureTable {
  item_id: string;
  compartment_id: string;
  idx: number;
  type: string;
  party_id: string;
  /** For a zone version, the zone (its document). */
  document_id: string | null;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  /** A notice's window or an incident's time, epoch ms. */
  starts_at: number | null;
  ends_at: number | null;
  /** The geometry as GeoJSON, winding normalised. */
  geometry: string;
}

/** A file stored by the SHA-256 of its bytes (hex). */
export interface AttachmentTable {
  sha256: string;
  media_type: string;
  size: number;
  content: Uint8Array;
  uploaded_by: string;
  party_id: string;
  uploaded_at: number;
}

export interface AttachmentUploadTable {
  sha256: string;
  party_id: string;
}

/** Which item names which file as evidence, in which compartment. */
export interface ItemEvidenceTable {
  item_id: string;
  sha256: string;
  compartment_id: string;
}

/** A release tied to its original, from the cell's note in the original's compartment (SPEC R44). */
export interface ReleaseTable {
  release_id: string;
  original_id: string;
  note_id: string;
  /** The original's compartment: only its readers see the row. */
  compartment_id: string;
  nonce: string;
  released_at: number;
}

/** Derived: a bracket open on a passage of a joint text, owned by the party that raised it. */
export interface JointTextBracketTable {
  document_id: string;
  passage: string;
  party_id: string;
  /** The `joint.text.bracket` item that raised it. */
  raised_by: string;
  raised_at: number;
}
