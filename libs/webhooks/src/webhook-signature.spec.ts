import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const secret = generateWebhookSecret();
  const body = '{"id":"evt","type":"job.succeeded"}';

  it('makes whsec_ secrets of 32 random bytes, different each time', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs "<id>.<timestamp>.<body>" with the decoded key, as a receiver recomputes it', () => {
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`msg_1.1700000000.${body}`)
      .digest('base64');
    expect(signWebhook(secret, 'msg_1', 1700000000, body)).toBe(`v1,${expected}`);
  });

  it('verifies its own signature and rejects a changed body, timestamp or secret', () => {
    const headers = { id: 'msg_1', timestamp: '1700000000', signature: signWebhook(secret, 'msg_1', 1700000000, body) };
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(verifyWebhook(secret, { ...headers, signature: `v1,bogus ${headers.signature}` }, body)).toBe(true);
    expect(verifyWebhook(secret, headers, body.replace('succeeded', 'failed'))).toBe(false);
    expect(verifyWebhook(secret, { ...headers, timestamp: '1700000001' }, body)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, body)).toBe(false);
  });
});
