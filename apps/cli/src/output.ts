/** Where commands print: JSON for scripts (--json), aligned tables and lines for people. */
export class Output {
  constructor(readonly json: boolean) {}

  /** The command's result: `value` as JSON, or what `human` renders from it. */
  result<T>(value: T, human: (value: T) => string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(human(value)));
  }

  /** Progress and notes for people; on stderr, so stdout stays the result alone. */
  note(line: string): void {
    if (!this.json) process.stderr.write(`${line}\n`);
  }
}

const ensureNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export type Column<T> = [heading: string, cell: (row: T) => unknown];

/** A plain text table with a heading row; empty lists say so instead of printing a bare heading. */
export function table<T>(rows: T[], columns: Column<T>[], empty = '(none)'): string {
  if (rows.length === 0) return empty;
  const cells = [columns.map(([heading]) => heading), ...rows.map((row) => columns.map(([, cell]) => text(cell(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `label: value` lines, labels aligned. */
export function fields(record: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  return Object.entries(record)
    .map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${text(value)}`)
    .join('\n');
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(text).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
