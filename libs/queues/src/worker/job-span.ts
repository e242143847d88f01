import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Job } from 'bullmq';
import { contextFromTraceparent, reportError } from '@copilot/observability';
import { jobEnvelope } from '../contracts/job-contracts';

const tracer = trace.getTracer('@copilot/queues');

/**
 * Runs one attempt of a job in a CONSUMER span whose parent is the work that
 * created the job (its traceparent), so the Postgres, Redis and provider calls
 * the handler makes join that request's trace. An error that escapes the handler
 * is one it did not expect (expected failures end the job themselves), so it is
 * also reported, with the job's ids. Without tracing the span is a no-op.
 */
export function runInJobSpan<T>(queue: string, job: Job, work: () => Promise<T>): Promise<T> {
  // Read leniently: a payload that fails its contract is rejected by the handler's wrapper, inside this span.
  const parsed = jobEnvelope.safeParse(job.data);
  const envelope = parsed.success
    ? parsed.data
    : { jobId: job.id, tenantId: undefined, requestId: undefined, traceparent: undefined };
  const span = tracer.startSpan(
    `${queue} ${job.name}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.message.id': envelope.jobId,
        'copilot.job.name': job.name,
        'copilot.job.attempt': job.attemptsMade + 1,
        ...(envelope.tenantId ? { 'copilot.tenant_id': envelope.tenantId } : {}),
      },
    },
    contextFromTraceparent(envelope.traceparent),
  );
  return context.with(trace.setSpan(context.active(), span), async () => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
      reportError(error, {
        tenant_id: envelope.tenantId,
        request_id: envelope.requestId,
        job_id: envelope.jobId,
        queue,
        job_name: job.name,
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
