import { randomBytes } from 'node:crypto';

/** Makes opaque identifiers and secrets. Injected so tests can make them predictable. */
export interface IdGenerator {
  /** A short random identifier with a readable prefix, such as `m_3kTq9…`. */
  id(prefix: string): string;
  /** `bytes` of randomness, base64url: session tokens, generated passwords. */
  secret(bytes: number): string;
}

export const randomIds: IdGenerator = {
  id: (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`,
  secret: (bytes) => randomBytes(bytes).toString('base64url'),
};
