import { type Attributes, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@copilot/conversations');

/**
 * Runs `work` in a child span of the job's span: one per model step and per tool call
 * of an agent run. Only names, ids, counts and outcomes go on spans: never arguments or
 * outputs, which may carry what a tenant or a tool considers secret.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, { attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
    throw error;
  } finally {
    span.end();
  }
}
