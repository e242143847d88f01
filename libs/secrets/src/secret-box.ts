import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface EncryptionKey {
  version: number;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export interface EncryptionSettings {
  current: EncryptionKey;
  /** Earlier keys, kept so data sealed under them can still be opened and re-sealed. */
  previous: EncryptionKey[];
}

export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretBoxError';
  }
}

// Sealed form: `v1.<key version>.<base64url(iv | tag | ciphertext)>`; `v1` names this layout.
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest. `context` (e.g. tenant id and secret name) is
 * bound as additional authenticated data: a ciphertext copied to another row or
 * tenant does not open there.
 */
export class SecretBox {
  private readonly keys: Map<number, Buffer>;

  constructor(private readonly settings: EncryptionSettings) {
    this.keys = new Map([...settings.previous, settings.current].map((k) => [k.version, k.key]));
    for (const [version, key] of this.keys) {
      if (key.length !== 32) throw new SecretBoxError(`encryption key version ${version} is not 32 bytes`);
    }
  }

  get currentVersion(): number {
    return this.settings.current.version;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.settings.current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
    return `${FORMAT}.${this.settings.current.version}.${packed}`;
  }

  open(sealed: string, context: string): string {
    const { version, packed } = parse(sealed);
    const key = this.keys.get(version);
    if (!key) throw new SecretBoxError(`no encryption key with version ${version} is configured`);
    const iv = packed.subarray(0, IV_BYTES);
    const tag = packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretBoxError('the secret does not open: wrong key, wrong context, or tampered', { cause: error });
    }
  }

  /** The version of the key that sealed it. */
  versionOf(sealed: string): number {
    return parse(sealed).version;
  }

  /** Opens with whichever key sealed it and seals again under the current key. */
  reseal(sealed: string, context: string): string {
    return this.seal(this.open(sealed, context), context);
  }
}

function parse(sealed: string): { version: number; packed: Buffer } {
  const [format, version, packed] = sealed.split('.');
  if (format !== FORMAT || !version || !/^\d+$/.test(version) || !packed) {
    throw new SecretBoxError('not a sealed secret');
  }
  const bytes = Buffer.from(packed, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('not a sealed secret');
  return { version: Number(version), packed: bytes };
}
