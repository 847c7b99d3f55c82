export {
  formatVerifierKey,
  isValidKeyName,
  keyId,
  keyIdHex,
  NoteError,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type SignatureType,
  type VerifierKey,
} from './verifier-key.ts';
export {
  addSignatureLines,
  ed25519NoteVerifier,
  formatSignatureLine,
  formatSignedNote,
  MAX_NOTE_SIGNATURES,
  openSignedNote,
  parseSignatureLine,
  parseSignedNote,
  signNoteText,
  type NoteSignature,
  type NoteVerifier,
  type OpenedNote,
  type ParsedNote,
} from './signed-note.ts';
export {
  cosignatureKeyId,
  cosignatureMessage,
  cosignatureTime,
  cosignCheckpoint,
  cosignerName,
  verifyCosignatureBytes,
  verifyCosignatureLine,
} from './cosignature.ts';
export {
  compartmentOrigin,
  formatCheckpoint,
  logKeyName,
  openAnyCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type ForeignCheckpoint,
  type OpenedCheckpoint,
} from './checkpoint.ts';
export {
  entryTlogProof,
  formatTlogProof,
  parseTlogProof,
  TLOG_PROOF_ERROR_CODES,
  TlogProofError,
  type TlogProof,
  type TlogProofErrorCode,
} from './tlog-proof.ts';
export { verifyTlogProof, type VerifiedTlogProof, type VerifyTlogProofOptions } from './verify-tlog-proof.ts';
