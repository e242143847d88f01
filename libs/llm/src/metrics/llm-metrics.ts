import { Injectable } from '@nestjs/common';
import {
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { OutcomeInfo } from '../resilience';

const seconds = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120];

/** The metric names the operators' runbooks use. */
export const llmMetricProviders = [
  makeCounterProvider({
    name: 'llm_requests_total',
    help: 'Provider calls, by provider, model and outcome (success, error, cancelled, rejected by the circuit breaker)',
    labelNames: ['provider', 'model', 'outcome'],
  }),
  makeCounterProvider({
    name: 'llm_tokens_used_total',
    help: 'Tokens used, by provider, model and type (input, output)',
    labelNames: ['provider', 'model', 'type'],
  }),
  makeHistogramProvider({
    name: 'llm_request_duration_seconds',
    help: 'Duration of one provider call, to its last token or its failure',
    labelNames: ['provider', 'model', 'outcome'],
    buckets: seconds,
  }),
  makeHistogramProvider({
    name: 'llm_time_to_first_token_seconds',
    help: 'Time from calling a provider to its first streamed token',
    labelNames: ['provider', 'model'],
    buckets: seconds,
  }),
  makeGaugeProvider({
    name: 'active_conversations',
    help: 'Conversations with a reply being generated right now (this worker)',
  }),
];

@Injectable()
export class LlmMetrics {
  constructor(
    @InjectMetric('llm_requests_total') private readonly requests: Counter<string>,
    @InjectMetric('llm_tokens_used_total') private readonly tokens: Counter<string>,
    @InjectMetric('llm_request_duration_seconds') private readonly duration: Histogram<string>,
    @InjectMetric('llm_time_to_first_token_seconds') private readonly firstToken: Histogram<string>,
    @InjectMetric('active_conversations') readonly activeConversations: Gauge<string>,
  ) {}

  outcome(info: OutcomeInfo): void {
    const labels = { provider: info.provider, model: info.model };
    this.requests.inc({ ...labels, outcome: info.outcome });
    if (info.outcome !== 'rejected')
      this.duration.observe({ ...labels, outcome: info.outcome }, info.durationMs / 1000);
    if (info.timeToFirstTokenMs !== undefined) this.firstToken.observe(labels, info.timeToFirstTokenMs / 1000);
  }

  tokensUsed(provider: string, model: string, usage: { inputTokens: number; outputTokens: number }): void {
    this.tokens.inc({ provider, model, type: 'input' }, usage.inputTokens);
    this.tokens.inc({ provider, model, type: 'output' }, usage.outputTokens);
  }
}
