import type { Pool as PgPool } from 'pg';
import { Pool } from 'undici';

export interface HostileDocument {
  kind: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/**
 * A hostile tenant's upload loop: keeps `outstanding` documents accepted but not yet
 * ended, cycling through `documents`, until stopped. Each upload goes to a new
 * collection, as identical contents in one collection would be answered with the
 * earlier document instead of parsed again.
 */
export class HostileUploads {
  private readonly pool: Pool;
  private readonly pending = new Map<string, string>();
  private readonly ended: Record<string, number> = {};
  private next = 0;
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    apiUrl: string,
    private readonly apiKey: string,
    private readonly admin: PgPool,
    private readonly documents: HostileDocument[],
    private readonly outstanding = 3,
  ) {
    this.pool = new Pool(apiUrl, { connections: 2 });
  }

  kinds(): string[] {
    return this.documents.map((d) => d.kind);
  }

  start(): Promise<void> {
    this.running ??= this.loop();
    return Promise.resolve();
  }

  /** Resolves once `threads` documents are being parsed or chunked at the same time. */
  async untilParsing(threads: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await this.admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM documents WHERE stage IN ('parsing', 'chunking')`,
      );
      if (Number(rows[0]!.n) >= threads) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`fewer than ${threads} hostile documents were parsing after ${timeoutMs} ms`);
  }

  /** Stops uploading (documents in flight go on) and counts the documents that ended meanwhile, by outcome. */
  async stop(): Promise<{ total: number; byOutcome: Record<string, number> }> {
    this.stopping = true;
    await this.running;
    await this.pool.close().catch(() => undefined);
    const total = Object.values(this.ended).reduce((sum, n) => sum + n, 0);
    return { total, byOutcome: { ...this.ended } };
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      while (this.pending.size < this.outstanding)
        await this.upload(this.documents[this.next++ % this.documents.length]!);
      await this.collectEnded();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async upload(document: HostileDocument): Promise<void> {
    const collection = await this.request<{ id: string }>(
      'POST',
      '/v1/collections',
      JSON.stringify({ name: document.kind }),
      {
        'content-type': 'application/json',
      },
    );
    const form = new FormData();
    form.append('file', new Blob([document.bytes], { type: document.type }), document.filename);
    const body = new Response(form);
    const accepted = await this.request<{ document: { id: string } }>(
      'POST',
      `/v1/collections/${collection.id}/documents`,
      Buffer.from(await body.arrayBuffer()),
      { 'content-type': body.headers.get('content-type')! },
    );
    this.pending.set(accepted.document.id, document.kind);
  }

  private async collectEnded(): Promise<void> {
    const { rows } = await this.admin.query<{ id: string; stage: string; reason: string | null }>(
      `SELECT id, stage, error->>'reason' AS reason FROM documents WHERE id = ANY($1::uuid[]) AND stage IN ('indexed', 'failed')`,
      [[...this.pending.keys()]],
    );
    for (const row of rows) {
      const outcome = `${this.pending.get(row.id)} ${row.stage === 'failed' ? `failed (${row.reason})` : 'indexed'}`;
      this.ended[outcome] = (this.ended[outcome] ?? 0) + 1;
      this.pending.delete(row.id);
    }
  }

  private async request<T>(
    method: 'POST',
    path: string,
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<T> {
    const response = await this.pool.request({ method, path, body, headers: { 'x-api-key': this.apiKey, ...headers } });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}
