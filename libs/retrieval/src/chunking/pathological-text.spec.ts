import { randomBytes } from 'node:crypto';
import { countTokens as llmCountTokens } from '@copilot/llm';
import { decode } from 'gpt-tokenizer';
import { parseDocument } from '../parsing/parse-document';
import { DocumentLimitError } from '../retrieval-types';
import { docOf, expectValidChunks } from '../testing/chunk-invariants';
import { chunkDocument } from './chunk-document';
import { countTokens, LONGEST_TOKEN_CHARS } from './token-count';

const OPTIONS = { maxTokens: 400, overlapTokens: 60 };
const plain = (text: string) => parseDocument({ bytes: Buffer.from(text), mediaType: 'text/plain' });

// What an attacker uploads to stall ingest. Each used to cost seconds to minutes of
// CPU (quadratic in the length of a run or of a paragraph); each must now finish well
// inside Jest's default timeout, covering the text with chunks inside the budget.
// Speed itself is measured by `npm run bench -- ingest-isolation`, not asserted here;
// the generous timeout only keeps a loaded CI machine from failing a linear run.
jest.setTimeout(30_000);

describe('chunking pathological text', () => {
  it('chunks a 200 KB run of one character (no whitespace at all)', async () => {
    const doc = await plain('a'.repeat(200_000));
    const chunks = chunkDocument(doc, OPTIONS);
    expectValidChunks(doc, chunks, OPTIONS.maxTokens);
    expect(chunks.at(-1)!.end).toBe(200_000);
  });

  it('chunks 200 KB of base64 without whitespace', async () => {
    const blob = randomBytes(150_000).toString('base64');
    const doc = await plain(blob);
    expectValidChunks(doc, chunkDocument(doc, OPTIONS), OPTIONS.maxTokens);
  });

  it('chunks 200 KB of Japanese without spaces or punctuation, surrogate pairs included', async () => {
    const doc = await plain('漢字仮名交じり文𠮷'.repeat(20_000));
    const chunks = chunkDocument(doc, { maxTokens: 200, overlapTokens: 20 });
    expectValidChunks(doc, chunks, 200);
    for (const chunk of chunks) expect(chunk.text).toBe(Buffer.from(chunk.text).toString());
  });

  it.each([
    ['one-character sentences', 'A. '.repeat(70_000)],
    ['one-character lines', 'x\n'.repeat(100_000)],
  ])('chunks 200 KB of %s', async (_, text) => {
    const doc = await plain(text);
    expectValidChunks(doc, chunkDocument(doc, OPTIONS), OPTIONS.maxTokens);
  });

  it('chunks a 200 KB sentence of words with no full stop', async () => {
    const doc = await plain('lorem ipsum dolor sit amet '.repeat(8_000));
    const chunks = chunkDocument(doc, OPTIONS);
    expectValidChunks(doc, chunks, OPTIONS.maxTokens);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^\S.*\S$/su);
  });

  it('keeps a long run whole when it fits, and never rejoins the pieces of a cut one', () => {
    const doc = docOf(`intro ${'b'.repeat(900)} outro\n\n${'c'.repeat(5_000)}`);
    const chunks = chunkDocument(doc, OPTIONS);
    expectValidChunks(doc, chunks, OPTIONS.maxTokens);
    expect(chunks[0]!.text).toBe(`intro ${'b'.repeat(900)} outro`);
    const longestRun = Math.max(...chunks.map((c) => Math.max(...c.text.split(/\s+/u).map((run) => run.length))));
    expect(longestRun).toBe(1_024);
  });

  it('stops at the document token limit with a reason', async () => {
    const doc = await plain('Words of a sentence. '.repeat(4_000));
    let error: unknown;
    try {
      chunkDocument(doc, { ...OPTIONS, maxDocumentTokens: 10_000 });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DocumentLimitError);
    expect(error).toMatchObject({ reason: 'too_large', limit: 'DOCUMENT_MAX_TOKENS' });
    expect((error as Error).message).toMatch(/more than 10000 tokens/);
    expect(chunkDocument(doc, { ...OPTIONS, maxDocumentTokens: 100_000 }).length).toBeGreaterThan(50);
  });
});

describe(countTokens.name, () => {
  it("counts as @copilot/llm's countTokens does", async () => {
    for (const text of ['Hello, world.', 'a'.repeat(3_000), '漢字𠮷 مرحبا', randomBytes(600).toString('base64')]) {
      expect(countTokens(text)).toBe(llmCountTokens(text));
    }
  });

  it('has no token longer than LONGEST_TOKEN_CHARS', () => {
    let longest = 0;
    for (let token = 0; token < 200_000; token++) {
      try {
        longest = Math.max(longest, decode([token]).length);
      } catch {
        // Ids past the vocabulary (and special tokens) do not decode.
      }
    }
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(LONGEST_TOKEN_CHARS);
  });
});
