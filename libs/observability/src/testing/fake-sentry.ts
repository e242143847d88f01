import { RecordingServer } from './recording-server';

/** An error event as it reached the fake Sentry, plus the raw envelope it came in. */
export interface ReceivedEvent {
  event: {
    tags?: Record<string, string>;
    exception?: { values?: { type?: string; value?: string }[] };
    [field: string]: unknown;
  };
  envelope: string;
}

/**
 * A local Sentry ingestion endpoint: the SDK posts envelopes (newline-separated
 * JSON: envelope header, then item header and item payload pairs) to
 * `/api/<project>/envelope/`.
 */
export class FakeSentry {
  private constructor(private readonly server: RecordingServer) {}

  static async start(): Promise<FakeSentry> {
    return new FakeSentry(await RecordingServer.start('{}'));
  }

  /** A DSN pointing here, project 1; the public key is a placeholder. */
  get dsn(): string {
    return this.server.origin.replace('http://', 'http://publickey@') + '/1';
  }

  events(): ReceivedEvent[] {
    return this.server.received
      .filter((post) => post.path.startsWith('/api/1/envelope/'))
      .flatMap((post) => {
        const lines = post.body.split('\n').filter(Boolean);
        const events: ReceivedEvent[] = [];
        // lines[0] is the envelope header; items follow as (header, payload) pairs.
        for (let i = 1; i + 1 < lines.length; i += 2) {
          const header = JSON.parse(lines[i]!) as { type?: string };
          if (header.type === 'event') events.push({ event: JSON.parse(lines[i + 1]!), envelope: post.body });
        }
        return events;
      });
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
