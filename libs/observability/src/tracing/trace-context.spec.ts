import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { node } from '@opentelemetry/sdk-node';
import pino from 'pino';
import { loggerParams } from '../logger.options';
import { contextFromTraceparent, currentTraceparent } from './trace-context';

describe('trace ids in log lines', () => {
  const provider = new node.NodeTracerProvider();
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  // The logger exactly as the apps configure it, writing to memory.
  function captureLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const options = loggerParams({ service: 's', version: '1', level: 'info', format: 'json' })
      .pinoHttp as pino.LoggerOptions;
    const logger = pino({ ...options, hooks: {} }, sink);
    return {
      logger,
      lines: () =>
        out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>),
    };
  }

  it('adds trace_id and span_id inside a span, and nothing outside one', () => {
    const { logger, lines } = captureLogger();
    logger.info('before');
    const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info('inside');
      span.end();
      return span.spanContext();
    });
    logger.info('after');
    const [before, inside, after] = lines();
    expect(inside).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
    expect(before).not.toHaveProperty('trace_id');
    expect(after).not.toHaveProperty('trace_id');
    expect(after).not.toHaveProperty('span_id');
  });

  it('carries the active span as a traceparent that parents work elsewhere', () => {
    const tracer = trace.getTracer('test');
    const { parent, traceparent } = tracer.startActiveSpan('request', (span) => {
      span.end();
      return { parent: span.spanContext(), traceparent: currentTraceparent() };
    });
    expect(traceparent).toBe(`00-${parent.traceId}-${parent.spanId}-01`);
    const child = tracer.startSpan('job', {}, contextFromTraceparent(traceparent));
    child.end();
    expect(child.spanContext().traceId).toBe(parent.traceId);
    expect(currentTraceparent()).toBeUndefined(); // outside any span
  });
});
