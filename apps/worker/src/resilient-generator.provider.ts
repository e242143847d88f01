import type { Provider } from '@nestjs/common';
import { SETTINGS } from '@copilot/config';
import { RESILIENT_GENERATOR } from '@copilot/conversations';
import { type Breaker, CIRCUIT_BREAKER, ResilientGenerator } from '@copilot/llm';
import type { WorkerSettings } from './worker.settings';

/** Retries, idle timeouts and fallback per MAX_RETRIES/TIMEOUT_MS, behind the circuit breakers shared through Redis. */
export const resilientGeneratorProviders: Provider[] = [
  {
    provide: RESILIENT_GENERATOR,
    inject: [CIRCUIT_BREAKER, SETTINGS],
    useFactory: (breaker: Breaker, settings: WorkerSettings) =>
      new ResilientGenerator({ maxRetries: settings.llm.maxRetries, timeoutMs: settings.llm.timeoutMs, breaker }),
  },
];
