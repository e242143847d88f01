import { generateApiKeySecret, hashApiKey } from './api-key-secret';

describe(generateApiKeySecret.name, () => {
  it('makes distinct keys whose stored hash matches and whose prefix is the key start', () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^cp_[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).not.toContain(a.key);
    expect(a.key.startsWith(a.prefix)).toBe(true);
  });
});
