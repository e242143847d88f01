import type { ErrorEvent } from '@sentry/node';
import { scrubEvent } from './error-reporting';

describe(scrubEvent.name, () => {
  it('drops bodies, cookies, credential headers and user, and blanks credentials in messages', () => {
    const event = scrubEvent({
      type: undefined,
      message: 'failed for key cp_abcdefghijklmnopqrstuvwxyz0123',
      request: {
        url: 'http://api/v1/conversations/1/messages',
        data: '{"content":"my secret plan"}',
        cookies: { session: 'abc' },
        headers: { authorization: 'Bearer cp_x', 'X-Api-Key': 'cp_y', 'content-type': 'application/json' },
      },
      user: { ip_address: '10.0.0.1' },
      breadcrumbs: [{ message: 'console: my secret plan' }],
      exception: { values: [{ type: 'Error', value: 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln rejected' }] },
    } as ErrorEvent);
    const text = JSON.stringify(event);
    expect(text).not.toContain('my secret plan');
    expect(text).not.toMatch(/cp_|eyJ/);
    expect(event.request?.headers).toEqual({ 'content-type': 'application/json' });
    expect(event.user).toBeUndefined();
    expect(event.request?.url).toBe('http://api/v1/conversations/1/messages');
  });
});
