import { compareStreamIds, toJobEvent } from './job-events';

describe(compareStreamIds.name, () => {
  it('orders by time, then sequence, numerically', () => {
    expect(compareStreamIds('10-0', '9-0')).toBe(1);
    expect(compareStreamIds('9-10', '9-9')).toBe(1);
    expect(compareStreamIds('9-1', '9-1')).toBe(0);
    expect(compareStreamIds('0-0', '1-0')).toBe(-1);
  });
});

describe(toJobEvent.name, () => {
  it('reads the type and JSON data of a stream entry', () => {
    expect(toJobEvent('1-0', ['type', 'token', 'data', '{"text":"hi"}'])).toEqual({
      id: '1-0',
      type: 'token',
      data: { text: 'hi' },
    });
  });
});
