import { countTokens } from '@copilot/llm';
import { parseDocument } from '../parsing/parse-document';
import { docOf, expectValidChunks } from '../testing/chunk-invariants';
import { readFixture } from '../testing/fixtures';
import { chunkDocument } from './chunk-document';

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i % 7} in some detail.`;
const longSection = (paragraphs: number, perParagraph: number) =>
  Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: perParagraph }, (_, s) => sentence(p * perParagraph + s)).join(' '),
  ).join('\n\n');

describe('chunkDocument', () => {
  it('keeps small sections whole, one chunk per section, with heading paths', async () => {
    const doc = await parseDocument(readFixture('guide.md'));
    const chunks = chunkDocument(doc, { maxTokens: 500, overlapTokens: 50 });
    expectValidChunks(doc, chunks, 500);
    expect(chunks.map((c) => c.headingPath)).toEqual(doc.sections.map((s) => s.headingPath));
    expect(chunks[2]!.text).toBe(
      'Limits\n\nA single file may be at most 20 MB. Larger files are rejected with a clear error.',
    );
  });

  it.each(['guide.md', 'article.html', 'notes.txt', 'report.pdf', 'policy.docx'])(
    'chunks %s within tight budgets without crossing sections',
    async (name) => {
      const doc = await parseDocument(readFixture(name));
      for (const [maxTokens, overlapTokens] of [
        [12, 4],
        [24, 8],
        [40, 0],
      ] as const) {
        expectValidChunks(doc, chunkDocument(doc, { maxTokens, overlapTokens }), maxTokens);
      }
    },
  );

  it('packs whole paragraphs and starts a new chunk at a paragraph boundary', () => {
    const doc = docOf(longSection(6, 2));
    const paragraphs = doc.text.split('\n\n');
    const perParagraph = countTokens(paragraphs[0]!);
    const chunks = chunkDocument(doc, { maxTokens: perParagraph * 2 + 4, overlapTokens: 0 });
    expectValidChunks(doc, chunks, perParagraph * 2 + 4);
    expect(chunks.map((c) => c.text)).toEqual([0, 2, 4].map((p) => paragraphs.slice(p, p + 2).join('\n\n')));
  });

  it('splits an over-long paragraph at sentence boundaries with whole-sentence overlap', () => {
    const doc = docOf(longSection(1, 30));
    const chunks = chunkDocument(doc, { maxTokens: 60, overlapTokens: 20 });
    expectValidChunks(doc, chunks, 60);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence number \d+ .*detail\.$/s);
    for (let i = 1; i < chunks.length; i++) {
      const [prev, next] = [chunks[i - 1]!, chunks[i]!];
      // The next chunk starts inside the previous one: that stretch is the overlap.
      expect(next.start).toBeGreaterThan(prev.start);
      expect(next.start).toBeLessThan(prev.end);
      const overlap = doc.text.slice(next.start, prev.end);
      expect(countTokens(overlap)).toBeLessThanOrEqual(20);
      expect(countTokens(overlap)).toBeGreaterThanOrEqual(10);
    }
  });

  it('never overlaps across sections', async () => {
    const doc = await parseDocument(readFixture('article.html'));
    const chunks = chunkDocument(doc, { maxTokens: 20, overlapTokens: 10 });
    for (let i = 1; i < chunks.length; i++) {
      if (chunks[i]!.headingPath.join('/') !== chunks[i - 1]!.headingPath.join('/')) {
        expect(chunks[i]!.start).toBeGreaterThanOrEqual(chunks[i - 1]!.end);
      }
    }
  });

  it('splits an over-long sentence at word boundaries, and a giant word anywhere', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const blob = 'x9Q'.repeat(400);
    const doc = docOf(`${words}.\n\n${blob}`);
    const chunks = chunkDocument(doc, { maxTokens: 30, overlapTokens: 5 });
    expectValidChunks(doc, chunks, 30);
    for (const chunk of chunks.filter((c) => c.end <= words.length)) {
      expect(chunk.text).toMatch(/^word\d+( word\d+)*\.?$/);
    }
    const blobChunks = chunks.filter((c) => c.start > words.length);
    expect(blobChunks.length).toBeGreaterThan(1);
  });

  it('is deterministic', async () => {
    const doc = await parseDocument(readFixture('policy.docx'));
    const options = { maxTokens: 16, overlapTokens: 6 };
    expect(chunkDocument(doc, options)).toEqual(chunkDocument(doc, options));
  });

  it('rejects nonsensical options', () => {
    const doc = docOf('Some text.');
    expect(() => chunkDocument(doc, { maxTokens: 0, overlapTokens: 0 })).toThrow(RangeError);
    expect(() => chunkDocument(doc, { maxTokens: 100, overlapTokens: 100 })).toThrow(RangeError);
    expect(() => chunkDocument(doc, { maxTokens: 100, overlapTokens: -1 })).toThrow(RangeError);
  });
});
