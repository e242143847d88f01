import { RecordingServer } from './recording-server';

/** One span as OTLP/JSON carries it, with its service's name attached. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: OtlpAttribute[] })[] }[];
  }[];
}

/**
 * A local OTLP/HTTP collector (the JSON encoding, as @opentelemetry/exporter-trace-otlp-http
 * sends it): POST /v1/traces, every span kept and flattened.
 */
export class FakeOtlpCollector {
  private constructor(private readonly server: RecordingServer) {}

  static async start(): Promise<FakeOtlpCollector> {
    return new FakeOtlpCollector(await RecordingServer.start('{}'));
  }

  /** What OTEL_EXPORTER_OTLP_ENDPOINT should be. */
  get endpoint(): string {
    return this.server.origin;
  }

  get requests(): number {
    return this.server.received.length;
  }

  spans(): ReceivedSpan[] {
    return this.server.received
      .filter((post) => post.path === '/v1/traces')
      .flatMap((post) =>
        ((JSON.parse(post.body) as OtlpExport).resourceSpans ?? []).flatMap((resourceSpan) => {
          const service = String(attributesOf(resourceSpan.resource?.attributes)['service.name']);
          return (resourceSpan.scopeSpans ?? []).flatMap((scope) =>
            (scope.spans ?? []).map((span) => ({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
            })),
          );
        }),
      );
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

function attributesOf(attributes: OtlpAttribute[] = []): ReceivedSpan['attributes'] {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
        value.boolValue ??
        value.doubleValue,
    ]),
  );
}
