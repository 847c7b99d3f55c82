// Node-only helpers. Nothing under src/node/ may be imported from src/index.ts, so the
// browser build never pulls node: modules.
export {
  generateKeyPair,
  keyPairFromSeed,
  nodeSigner,
  nodeVerifier,
  privateKeyObject,
  privateKeyToPem,
  publicKeyFromPrivateKey,
  publicKeyObject,
  signSync,
  type Ed25519KeyPair,
} from './ed25519.ts';
