// main.ts imports this first: instrumentation has to be in place before http, pg and ioredis load.
import { startTelemetry } from '@copilot/observability/tracing';

startTelemetry('scheduler');
