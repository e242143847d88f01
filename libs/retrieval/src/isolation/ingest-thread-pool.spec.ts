import { prepareDocument, type PrepareInput } from '../ingest/prepare-document';
import { NO_PARSE_LIMITS } from '../parsing/parse-limits';
import { DocumentLimitError, DocumentParseError } from '../retrieval-types';
import { readFixture } from '../testing/fixtures';
import { nestedHtml, repetitiveDocx } from '../testing/hostile-documents';
import { IngestThreadFailure, IngestThreadPool } from './ingest-thread-pool';

const input = (document: { bytes: Buffer; mediaType: string; filename?: string }, limits = NO_PARSE_LIMITS) => ({
  ...document,
  limits,
  chunking: { maxTokens: 200, overlapTokens: 20 },
});
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function failure(pool: IngestThreadPool, document: PrepareInput): Promise<unknown> {
  try {
    await pool.prepare(document);
  } catch (error) {
    return error;
  }
  throw new Error('the document was prepared');
}

// Under Jest the thread loads our TypeScript through @swc-node/register, as it does
// under scripts/run-ts.cjs; compiled builds are covered by the worker's e2e test and
// the ingest-isolation benchmark.
describe(IngestThreadPool.name, () => {
  let pool: IngestThreadPool;
  afterEach(() => pool.close());

  it('prepares documents in a reused thread exactly as in process, announcing chunking', async () => {
    pool = new IngestThreadPool({ size: 1, timeoutMs: 60_000, memoryMb: 256 });
    for (const name of ['guide.md', 'report.pdf', 'policy.docx']) {
      let chunking = false;
      const prepared = await pool.prepare(input(readFixture(name)), () => (chunking = true));
      expect(prepared).toEqual(await prepareDocument(input(readFixture(name))));
      expect(chunking).toBe(true);
    }
    expect(pool.started).toBe(1);
  }, 60_000);

  it('brings a document’s own failures back with their reasons, and keeps the thread', async () => {
    pool = new IngestThreadPool({ size: 1, timeoutMs: 60_000, memoryMb: 256 });
    const deep = input(
      { bytes: Buffer.from(nestedHtml(500)), mediaType: 'text/html' },
      { ...NO_PARSE_LIMITS, maxNesting: 50 },
    );
    const limited = await failure(pool, deep);
    expect(limited).toBeInstanceOf(DocumentLimitError);
    expect(limited).toMatchObject({ reason: 'too_complex', limit: 'DOCUMENT_MAX_NESTING' });
    const broken = await failure(
      pool,
      input({ bytes: Buffer.from('%PDF-1.7 not really'), mediaType: 'application/pdf' }),
    );
    expect(broken).toBeInstanceOf(DocumentParseError);
    expect(pool.started).toBe(1);
  }, 60_000);

  it('stops a document past its time and prepares the next one in a new thread', async () => {
    pool = new IngestThreadPool({ size: 1, timeoutMs: 300, memoryMb: 256 });
    const slow = input({ bytes: await repetitiveDocx(60_000), mediaType: DOCX });
    expect(await failure(pool, slow)).toMatchObject({
      name: 'IngestThreadFailure',
      reason: 'parse_timeout',
      limit: 'PARSE_TIMEOUT_MS',
    });
    pool = new IngestThreadPool({ size: 1, timeoutMs: 60_000, memoryMb: 256 });
    expect((await pool.prepare(input(readFixture('notes.txt')))).chunks.length).toBeGreaterThan(0);
  }, 60_000);

  it('fails a document that exhausts the thread’s heap, and the process and pool carry on', async () => {
    pool = new IngestThreadPool({ size: 1, timeoutMs: 120_000, memoryMb: 96 });
    const huge = input({ bytes: await repetitiveDocx(200_000), mediaType: DOCX });
    const error = await failure(pool, huge);
    expect(error).toBeInstanceOf(IngestThreadFailure);
    expect(error).toMatchObject({ reason: 'too_large', limit: 'PARSE_MEMORY_MB' });
    expect((error as Error).message).toBe('Parsing the document needed more than 96 MB of memory.');
    expect((await pool.prepare(input(readFixture('notes.txt')))).chunks.length).toBeGreaterThan(0);
    expect(pool.started).toBe(2);
  }, 120_000);

  it('queues documents beyond its size and runs them as threads free up', async () => {
    pool = new IngestThreadPool({ size: 2, timeoutMs: 60_000, memoryMb: 256 });
    const names = ['guide.md', 'notes.txt', 'article.html', 'guide.md', 'notes.txt'];
    const prepared = await Promise.all(names.map((name) => pool.prepare(input(readFixture(name)))));
    expect(prepared.every((p) => p.chunks.length > 0)).toBe(true);
    expect(pool.started).toBe(2);
  }, 60_000);
});
