import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

const key = (version: number) => ({ version, key: randomBytes(32) });

describe(SecretBox.name, () => {
  const v1 = key(1);
  const v2 = key(2);
  const box = new SecretBox({ current: v1, previous: [] });

  it('seals to ciphertext that opens to the plaintext, never containing it', () => {
    const sealed = box.seal('sk-live-123', 'tenant:a/secret:openai');
    expect(sealed).toMatch(/^v1\.1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('sk-live-123');
    expect(box.open(sealed, 'tenant:a/secret:openai')).toBe('sk-live-123');
    expect(box.seal('sk-live-123', 'tenant:a/secret:openai')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses a ciphertext moved to another context, or tampered with', () => {
    const sealed = box.seal('value', 'tenant:a/secret:x');
    expect(() => box.open(sealed, 'tenant:b/secret:x')).toThrow(SecretBoxError);
    const bytes = Buffer.from(sealed.split('.')[2]!, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.open(`v1.1.${bytes.toString('base64url')}`, 'tenant:a/secret:x')).toThrow(SecretBoxError);
    expect(() => box.open('plain text', 'tenant:a/secret:x')).toThrow('not a sealed secret');
  });

  it('opens data sealed under a previous key and re-seals it under the current one', () => {
    const sealedWithV1 = box.seal('rotate me', 'ctx');
    const rotated = new SecretBox({ current: v2, previous: [v1] });
    expect(rotated.open(sealedWithV1, 'ctx')).toBe('rotate me');
    const resealed = rotated.reseal(sealedWithV1, 'ctx');
    expect(rotated.versionOf(resealed)).toBe(2);
    expect(new SecretBox({ current: v2, previous: [] }).open(resealed, 'ctx')).toBe('rotate me');
    expect(() => new SecretBox({ current: v2, previous: [] }).open(sealedWithV1, 'ctx')).toThrow(
      'no encryption key with version 1',
    );
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new SecretBox({ current: { version: 1, key: randomBytes(16) }, previous: [] })).toThrow(/32 bytes/);
  });
});
