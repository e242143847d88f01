import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS, requestIdOf, valueRedactor } from './logger.options';

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

describe(valueRedactor.name, () => {
  it('blanks configured secret values wherever they appear in a line, JSON-escaped or not', () => {
    const redact = valueRedactor(['jwt-secret-0123456789abcdef', 'pa$$w0rd"with.quote']);
    const line = JSON.stringify({
      msg: 'boot with jwt-secret-0123456789abcdef',
      err: 'login pa$$w0rd"with.quote failed',
    });
    const out = redact(line);
    expect(out).not.toContain('jwt-secret-0123456789abcdef');
    expect(out).not.toContain('pa$$w0rd');
    expect(JSON.parse(out)).toEqual({ msg: 'boot with [redacted]', err: 'login [redacted] failed' });
    expect(valueRedactor([])('nothing to hide')).toBe('nothing to hide');
  });

  it('blanks API keys and JWTs by their shape', () => {
    const line = '{"url":"/v1/x?key=cp_Nr6fRO7OZGWLYqhqYbZQDlblDEb5QDQkJ5j6RXiafvQ&t=eyJhbGciOi.eyJzdWIiOiJ4In0.c2ln"}';
    expect(valueRedactor([])(line)).toBe('{"url":"/v1/x?key=[redacted]&t=[redacted]"}');
  });
});
