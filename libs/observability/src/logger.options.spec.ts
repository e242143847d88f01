import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS, requestIdOf } from './logger.options';

describe(requestIdOf.name, () => {
  it("keeps a sane caller's x-request-id and replaces anything else", () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'abc-123' } })).toBe('abc-123');
    const replaced = requestIdOf({ headers: { 'x-request-id': 'evil\nlog line' } });
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({ headers: {} })).not.toBe(requestIdOf({ headers: {} }));
  });
});

describe('log redaction', () => {
  it('never writes credentials from request headers', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer cp_secret1', 'x-api-key': 'cp_secret2', cookie: 's=cp_secret3' } },
    });
    expect(out).not.toMatch(/cp_secret/);
    expect(out).toContain('[redacted]');
  });
});
