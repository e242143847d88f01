import { CircuitBreakers } from './circuit-breaker';

describe('CircuitBreakers', () => {
  let now = 0;
  const breakers = () => new CircuitBreakers(3, 30_000, () => now);
  beforeEach(() => (now = 1_000_000));

  it('opens after three failures in a row, for 30 s, then lets one call through', () => {
    const b = breakers();
    b.failed('s');
    b.failed('s');
    expect(b.retryInMs('s')).toBe(0);
    b.failed('s');
    expect(b.retryInMs('s')).toBe(30_000);
    now += 29_000;
    expect(b.retryInMs('s')).toBe(1_000);
    now += 1_000;
    expect(b.retryInMs('s')).toBe(0);
    // That call failing opens it again at once; succeeding closes it.
    b.failed('s');
    expect(b.retryInMs('s')).toBe(30_000);
    now += 30_000;
    expect(b.retryInMs('s')).toBe(0);
    b.succeeded('s');
    b.failed('s');
    expect(b.retryInMs('s')).toBe(0);
  });

  it('counts only failures in a row, per server', () => {
    const b = breakers();
    b.failed('s');
    b.failed('s');
    b.succeeded('s');
    b.failed('s');
    b.failed('other');
    b.failed('other');
    expect(b.retryInMs('s')).toBe(0);
    expect(b.retryInMs('other')).toBe(0);
    b.failed('other');
    expect(b.retryInMs('other')).toBeGreaterThan(0);
    expect(b.retryInMs('s')).toBe(0);
  });
});
