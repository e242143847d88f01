import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';

/** The agent-run metric names the operators' runbooks use. */
export const agentMetricProviders = [
  makeCounterProvider({
    name: 'tool_calls_total',
    help: 'Tool calls of agent runs, by tool, kind (builtin, http, client, mcp) and outcome (ok, error, rejected, timeout)',
    labelNames: ['tool', 'kind', 'outcome'],
  }),
  makeHistogramProvider({
    name: 'tool_call_duration_seconds',
    help: 'Duration of one tool call the platform ran, by kind',
    labelNames: ['kind'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  }),
  makeCounterProvider({
    name: 'agent_steps_total',
    help: 'Model steps of agent runs that ended, by why the run stopped',
    labelNames: ['stop_reason'],
  }),
];

@Injectable()
export class AgentMetrics {
  constructor(
    @InjectMetric('tool_calls_total') private readonly calls: Counter<string>,
    @InjectMetric('tool_call_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('agent_steps_total') private readonly steps: Counter<string>,
  ) {}

  toolCall(tool: string, kind: string, outcome: string, durationMs: number | null): void {
    this.calls.inc({ tool, kind, outcome });
    if (durationMs !== null) this.duration.observe({ kind }, durationMs / 1000);
  }

  runEnded(stopReason: string, steps: number): void {
    this.steps.inc({ stop_reason: stopReason }, steps);
  }
}
