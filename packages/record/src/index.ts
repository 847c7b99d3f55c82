// Public API of @fusion-cell/record: pure code that runs in browsers and Node alike.
// Node-only speedups (node:crypto signing and verification) are in `@fusion-cell/record/node`.

export { base64Decode, base64Encode, base64UrlDecode, base64UrlEncode, EncodingError } from './base64.ts';
export {
  concatBytes,
  constantTimeEqual,
  hexDecode,
  hexEncode,
  utf8ByteLength,
  utf8Decode,
  utf8Encode,
} from './bytes.ts';
export {
  assertJsonValue,
  canonicalJson,
  CanonicalJsonError,
  isPlainObject,
  MAX_JSON_DEPTH,
  type JsonObject,
  type JsonValue,
} from './canonical-json.ts';
export {
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  verifySignature,
  webCryptoSigner,
  webCryptoVerifier,
  type NamedSigner,
  type SignatureVerifier,
  type Signer,
} from './signature.ts';
export * from './merkle/index.ts';
export * from './note/index.ts';
export {
  Envelope,
  SignedEnvelope,
  ItemType,
  TrackName,
  CELL_AUTHOR,
  LOG_DEVICE,
  MAX_PAYLOAD_BYTES,
  MAX_REFERENCES,
} from './envelope-schema.ts';
export {
  canonicalEnvelopeJson,
  canonicalSignedEnvelopeJson,
  ENVELOPE_SIGNING_PREFIX,
  EnvelopeError,
  envelopeLeafHash,
  itemId,
  itemIdFromLeafData,
  leafData,
  signEnvelope,
  signingInput,
  verifyEnvelopeSignature,
} from './envelope.ts';
export { Identifier, ItemId, PublicKeyText, SignatureText, UtcMillis, isUtcMillis } from './schema-parts.ts';
export {
  AttestationSigner,
  attestationSigningInput,
  DEVICE_ATTESTATION_SIGNING_PREFIX,
  DeviceAttestation,
  DeviceStatement,
  isDeviceValidAt,
  resolveDeviceValidity,
  signDeviceAttestation,
  type AttestationProblem,
  type DeviceRecord,
  type DeviceValidity,
} from './device-attestation.ts';
export { Bundle, BUNDLE_FORMAT, BundleCosignature, BundleDevice } from './bundle.ts';
export { FAILURE_CODES, FAILURE_RULES, type FailureCode, type RuleId } from './verify/failure-codes.ts';
export { formatReport, type VerificationFailure, type VerificationReport } from './verify/report.ts';
export { verifyBundle, type VerifyBundleOptions } from './verify/verify-bundle.ts';
export * from './monitor/index.ts';
