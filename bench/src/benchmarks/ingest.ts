import { Pool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { markdownDocument } from '../lib/corpus';
import { HttpClient } from '../lib/http-client';
import { PlatformEnv } from '../lib/platform-env';

/**
 * Chunks per second from posted documents to indexed rows (parse, chunk, local
 * embedding, insert with the HNSW and full-text indexes), against a plain script
 * inserting the very same rows into the same table in batches.
 */
export async function ingest({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const documents = size.smoke ? 2 : 40;
  const sections = size.smoke ? 5 : 100;
  const platform = await PlatformEnv.create('ingest', { LOG_LEVEL: 'error' });
  const admin = new Pool({ connectionString: platform.database.adminUrl, max: 2 });
  try {
    const api = new HttpClient(await platform.start('api'), platform.apiKey, 4);
    await platform.start('worker');
    const collection = await api.json<{ id: string }>('POST', '/v1/collections', { name: 'ingest bench' });
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: documents }, (_, i) =>
        api.json('POST', `/v1/collections/${collection.id}/documents`, {
          title: `Handbook ${i}`,
          text: markdownDocument(i + 1, sections),
        }),
      ),
    );
    let state: { indexed: number; failed: number };
    while (((state = await stages(admin, collection.id)), state.indexed + state.failed < documents)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const platformSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const chunks = Number(
      (await admin.query<{ n: string }>('SELECT count(*) AS n FROM chunks WHERE collection_id = $1', [collection.id]))
        .rows[0]!.n,
    );

    const copy = await api.json<{ id: string }>('POST', '/v1/collections', { name: 'plain insert' });
    const baselineSeconds = await insertSameRows(admin, collection.id, copy.id);
    await api.close();
    const platformRate = chunks / platformSeconds;
    const baselineRate = chunks / baselineSeconds;
    return {
      parameters: { documents, chunks, embedder: 'local (384 dimensions)', ingestConcurrency: 2 },
      figures: [
        {
          metric: 'chunks indexed per second',
          unit: 'chunks/s',
          platform: platformRate,
          baseline: baselineRate,
          ratio: platformRate / baselineRate,
        },
        { metric: 'wall time', unit: 's', platform: platformSeconds, baseline: baselineSeconds },
      ],
      targets: [
        { target: '>= 2,000 chunks/s', observed: `${Math.round(platformRate)} chunks/s`, met: platformRate >= 2_000 },
      ],
      notes: state.failed > 0 ? [`${state.failed} documents failed`] : [],
      errors: state.failed,
    };
  } finally {
    await admin.end();
    await platform.close();
  }
}

async function stages(admin: Pool, collectionId: string): Promise<{ indexed: number; failed: number }> {
  const { rows } = await admin.query<{ indexed: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE stage = 'indexed') AS indexed, count(*) FILTER (WHERE stage = 'failed') AS failed
       FROM documents WHERE collection_id = $1`,
    [collectionId],
  );
  return { indexed: Number(rows[0]!.indexed), failed: Number(rows[0]!.failed) };
}

/** The floor: the platform's own chunk rows, inserted again by plain multi-row INSERTs into another collection. */
async function insertSameRows(admin: Pool, from: string, to: string): Promise<number> {
  const { rows } = await admin.query<Record<string, unknown>>(
    `SELECT tenant_id, document_id, position, text, start_offset, end_offset, heading_path, token_count, dimensions,
            embedding::text AS embedding
       FROM chunks WHERE collection_id = $1 ORDER BY document_id, position`,
    [from],
  );
  const start = process.hrtime.bigint();
  const documentIds = new Map<string, string>();
  for (const id of new Set(rows.map((r) => String(r.document_id)))) {
    const copied = await admin.query<{ id: string }>(
      `INSERT INTO documents (tenant_id, collection_id, title, source_type, content_hash, stage)
       SELECT tenant_id, $2, title, source_type, content_hash, 'indexed' FROM documents WHERE id = $1 RETURNING id`,
      [id, to],
    );
    documentIds.set(id, copied.rows[0]!.id);
  }
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((r, j) => {
      values.push(
        r.tenant_id,
        documentIds.get(String(r.document_id)),
        to,
        r.position,
        r.text,
        r.start_offset,
        r.end_offset,
        r.heading_path,
        r.token_count,
        r.dimensions,
        r.embedding,
      );
      const b = j * 11;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 11}::vector)`;
    });
    await admin.query(
      `INSERT INTO chunks (tenant_id, document_id, collection_id, position, text, start_offset, end_offset,
                           heading_path, token_count, dimensions, embedding) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}
