import type { JobEvent } from '@copilot/queues';

/** For people: runs of token events read as the text they spell, not one line per token. */
export function eventLines(events: JobEvent[]): string[] {
  const lines: string[] = [];
  const tokens = { first: '', count: 0, text: '' };
  const flush = () => {
    if (tokens.count === 0) return;
    const shown = tokens.text.length > 200 ? `${tokens.text.slice(0, 200)}…` : tokens.text;
    lines.push(`${tokens.first}  token x${tokens.count}  ${JSON.stringify(shown)}`);
    Object.assign(tokens, { first: '', count: 0, text: '' });
  };
  for (const event of events) {
    if (event.type === 'token') {
      if (tokens.count === 0) tokens.first = event.id;
      tokens.count += 1;
      tokens.text += event.data.text;
      continue;
    }
    flush();
    lines.push(`${event.id}  ${event.type}  ${JSON.stringify(event.data)}`);
  }
  flush();
  return lines;
}
