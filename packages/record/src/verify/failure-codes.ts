// The closed list of ways a bundle can fail verification, each tied to the SPEC.md rule
// that defines the check. Adding a code means adding a rule and a test.

export const FAILURE_RULES = {
  bundle_malformed: 'R16',
  log_key_invalid: 'R17',
  compartment_invalid: 'R18',
  checkpoint_malformed: 'R19',
  checkpoint_signature_invalid: 'R20',
  checkpoint_order: 'R21',
  entry_index_gap: 'R22',
  envelope_malformed: 'R23',
  envelope_location_mismatch: 'R24',
  device_attestation_invalid: 'R25',
  device_unknown: 'R26',
  device_member_mismatch: 'R27',
  author_not_in_compartment: 'R28',
  device_not_valid: 'R29',
  entry_signature_invalid: 'R30',
  entry_duplicate: 'R31',
  checkpoint_root_mismatch: 'R32',
  entries_missing: 'R33',
  entry_not_checkpointed: 'R34',
  split_view: 'R35',
  cosignature_invalid: 'R36',
  reference_not_earlier: 'R37',
  reference_unresolved: 'R38',
} as const;

export type FailureCode = keyof typeof FAILURE_RULES;
export type RuleId = (typeof FAILURE_RULES)[FailureCode];

/** Every failure code, in checklist order. */
export const FAILURE_CODES = Object.keys(FAILURE_RULES) as FailureCode[];
