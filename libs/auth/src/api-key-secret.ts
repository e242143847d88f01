import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'cp_';

export interface NewApiKeySecret {
  /** Shown to the operator once; never stored. */
  key: string;
  /** Enough of the key to tell keys apart in listings. */
  prefix: string;
  hash: string;
}

/** 256 random bits: a fast hash is enough to store such a key (no dictionary to guess from). */
export function generateApiKeySecret(): NewApiKeySecret {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
