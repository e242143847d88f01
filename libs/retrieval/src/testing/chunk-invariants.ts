import { countTokens } from '@copilot/llm';
import type { DocumentChunk, ParsedDocument } from '../retrieval-types';

/** Invariants that hold for every document and every budget. */
export function expectValidChunks(doc: ParsedDocument, chunks: DocumentChunk[], maxTokens: number): void {
  expect(chunks.length).toBeGreaterThan(0);
  chunks.forEach((chunk, i) => {
    expect(chunk.index).toBe(i);
    expect(doc.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.tokenCount).toBe(countTokens(chunk.text));
    expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
    const section = doc.sections.find((s) => s.start <= chunk.start && chunk.end <= s.end);
    expect(section?.headingPath).toEqual(chunk.headingPath);
  });
  // Every non-blank character of the document is in some chunk.
  const covered = new Uint8Array(doc.text.length);
  for (const chunk of chunks) covered.fill(1, chunk.start, chunk.end);
  const missed: number[] = [];
  for (let i = 0; i < doc.text.length && missed.length < 10; i++) {
    if (!covered[i] && /\S/u.test(doc.text[i]!)) missed.push(i);
  }
  expect(missed).toEqual([]);
}

export function docOf(text: string, headingPath: string[] = ['Doc']): ParsedDocument {
  return { title: null, text, sections: [{ headingPath, start: 0, end: text.length }] };
}
