import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';
import { positiveInt } from '../lib/types';

const key32 = z
  .string()
  .refine(
    (raw) => Buffer.from(raw, 'base64').length === 32,
    'expected 32 bytes, base64-encoded (openssl rand -base64 32)',
  );

/** Secrets at rest (AES-256-GCM): the current key and the ones it replaced, by version. */
export const encryptionConfig = defineConcern(
  'encryption',
  {
    ENCRYPTION_KEY: {
      schema: key32.meta({
        description: 'AES-256-GCM key for tenant secrets (provider keys, webhook secrets)',
        values: '32 bytes, base64 (`openssl rand -base64 32`)',
      }),
      localDefault: 'bG9jYWwtb25seS1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=',
      secret: true,
    },
    ENCRYPTION_KEY_VERSION: {
      schema: positiveInt.default(1).describe('Version of ENCRYPTION_KEY, stored with every ciphertext'),
    },
    ENCRYPTION_PREVIOUS_KEYS: {
      schema: z
        .string()
        .transform((raw) =>
          raw
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .regex(/^\d+:[A-Za-z0-9+/=]+$/, 'expected version:base64key pairs')
              .transform((pair) => ({ version: Number(pair.split(':')[0]), key: pair.slice(pair.indexOf(':') + 1) })),
          ),
        )
        .default([])
        .meta({
          description:
            'Keys being rotated out, still able to decrypt; after `secrets:reencrypt` nothing needs them any more',
          values: '`version:base64key,...`',
        }),
      secret: true,
    },
  },
  (v) => ({
    current: { version: v.ENCRYPTION_KEY_VERSION, key: Buffer.from(v.ENCRYPTION_KEY, 'base64') },
    previous: v.ENCRYPTION_PREVIOUS_KEYS.map((k) => ({ version: k.version, key: Buffer.from(k.key, 'base64') })),
  }),
  (v) => {
    const problems: string[] = [];
    for (const k of v.ENCRYPTION_PREVIOUS_KEYS ?? []) {
      if (Buffer.from(k.key, 'base64').length !== 32)
        problems.push(`ENCRYPTION_PREVIOUS_KEYS: key version ${k.version} is not 32 bytes`);
      if (k.version === v.ENCRYPTION_KEY_VERSION)
        problems.push('ENCRYPTION_PREVIOUS_KEYS: a previous key reuses ENCRYPTION_KEY_VERSION');
    }
    return problems;
  },
);
