import { fields, table, text } from './output';

describe(table.name, () => {
  it('aligns every column under its heading and trims trailing blanks', () => {
    const rows = [
      { slug: 'acme', keys: 12 },
      { slug: 'globex-international', keys: 3 },
    ];
    expect(
      table(rows, [
        ['SLUG', (r) => r.slug],
        ['KEYS', (r) => r.keys],
      ]),
    ).toBe(['SLUG                  KEYS', 'acme                  12', 'globex-international  3'].join('\n'));
  });

  it('says there is nothing rather than printing a bare heading', () => {
    expect(table([], [['ID', () => 'x']], 'no jobs')).toBe('no jobs');
  });
});

describe(fields.name, () => {
  it('prints one aligned label per line, with dates, lists and missing values readable', () => {
    const at = new Date('2026-11-22T05:00:00.000Z');
    expect(fields({ id: 'k1', scopes: ['chat:read', 'admin'], expiresAt: null, createdAt: at })).toBe(
      ['id:        k1', 'scopes:    chat:read,admin', 'expiresAt: -', 'createdAt: 2026-11-22T05:00:00.000Z'].join('\n'),
    );
  });
});

describe(text.name, () => {
  it('shows objects as JSON and an empty list as missing', () => {
    expect(text({ reason: 'unreadable' })).toBe('{"reason":"unreadable"}');
    expect(text([])).toBe('-');
  });
});
