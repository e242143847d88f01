import { isUnsafeText, unsafeTextFields } from './unsafe-text';

describe(unsafeTextFields.name, () => {
  it('names strings and keys Postgres would refuse, and nothing else', () => {
    const input = { a: ['ok', 'x\u0000'], 'k\ud800': 1, emoji: '\ud83d\ude00', low: '\udc00' };
    expect(unsafeTextFields(input, 'body').map((e) => e.field)).toEqual(['body.a.1', 'body', 'body.low']);
    expect(isUnsafeText('\u0001\t\ud83d\ude00')).toBe(false);
  });

  it('reports at most 20 fields of a large body', () => {
    expect(unsafeTextFields(new Array(10_000).fill('\u0000'), 'body')).toHaveLength(20);
  });
});
