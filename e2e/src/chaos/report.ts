/** The run's outcome as two plain-text tables: what was injected, and what was observed. */
import type { Observed } from './checks';
import type { Injection } from './faults';
import type { LoadResult } from './load';

export interface ChaosOutcome {
  load: LoadResult;
  injections: Injection[];
  observed: Observed;
  failures: string[];
  /** Faulty answers the fake provider actually gave, by kind. */
  providerFaultsServed: Record<string, number>;
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

export function formatReport({ load, injections, observed, failures, providerFaultsServed }: ChaosOutcome): string {
  const injected = table(
    ['injection', 'at', 'count', 'jobs in flight', 'all of them ended after'],
    injections.map((injection, i) => [
      injection.kind,
      seconds(injection.atMs),
      injection.count,
      injection.inFlight.length,
      seconds(observed.recoveryMs[i]!),
    ]),
  );
  const refused = Object.values(load.clientFailures).reduce((sum, n) => sum + n, 0);
  const recoveries = observed.recoveryMs;
  const maxRecovery = recoveries.includes(null) ? null : Math.max(0, ...(recoveries as number[]));
  const chat = load.accepted.filter((a) => a.kind === 'chat').length;
  const rows: [string, string | number][] = [
    ['accepted (2xx)', `${load.accepted.length} (chat ${chat}, ingest ${load.accepted.length - chat})`],
    ['not accepted (client saw failure)', refused],
    ['accepted after client retries', load.retriedRequests],
    ['provider faults served', JSON.stringify(providerFaultsServed)],
    ['job rows', observed.jobs.total],
    ['succeeded', observed.jobs.succeeded],
    ['failed', `${observed.jobs.failed} ${JSON.stringify(observed.failureReasons)}`],
    ['cancelled', observed.jobs.cancelled],
    ['retried (attempts > 1)', observed.jobs.retried],
    [
      'documents indexed / failed',
      `${observed.documents.indexed} / ${observed.documents.failed} of ${observed.documents.total}`,
    ],
    ['lost (accepted, no job row)', observed.lost.length],
    ['duplicate answers', observed.duplicateAnswers.length],
    ['succeeded without answer', observed.missingAnswers.length],
    ['duplicated chunk sets', observed.duplicateChunkSets.length],
    ['idempotency violations', load.idempotencyViolations.length],
    ['stuck (queued/running)', observed.stuck.length],
    ['BullMQ leftovers', JSON.stringify(observed.queueLeftovers)],
    ['max recovery', seconds(maxRecovery)],
  ];
  const lines = [injected, '', table(['observed', 'value'], rows)];
  if (refused) lines.push('', `client failures: ${JSON.stringify(load.clientFailures)}`);
  for (const job of observed.stuck) {
    lines.push(`stuck: ${job.id} ${job.queue} ${job.status} attempts=${job.attempts} dispatched=${job.dispatched}`);
  }
  lines.push('', failures.length ? `FAILED: ${failures.join('; ')}` : 'PASSED: every check held');
  return lines.join('\n');
}
