import type { Embedder } from '../retrieval-types';

const DIMENSIONS = 384;

/** Relative weights of the feature kinds: whole words dominate, n-grams refine. */
const WEIGHTS = { word: 1, bigram: 0.7, trigram: 0.35 } as const;

/**
 * Offline lexical embedder ("hashing trick"): no model, no key, no network, same
 * vector for the same text on every machine and release. Features are lower-cased
 * word unigrams, word bigrams (some word order) and character 3-grams of each
 * word with boundary marks (morphology: "invoice"/"invoices" share most of them).
 * Each feature is hashed (FNV-1a over UTF-8) into one of 384 buckets with a sign
 * from a second, independent mix of the hash, so collisions cancel out on
 * average instead of piling up; counts are weighted sublinearly (1 + ln tf) so a
 * repeated word does not drown the rest, and the vector is L2-normalised.
 *
 * A text without any word (empty, only punctuation) would give the zero vector,
 * whose cosine similarity is undefined (NaN, or a division by zero in pgvector).
 * It gets the unit vector on dimension 0 instead: every such text is identical
 * to the others and unrelated (cosine about 0) to most real texts.
 *
 * This captures shared vocabulary, not meaning: synonyms do not match. It is for
 * tests, demos and air-gapped installs; a model embedder does better.
 */
export class LocalEmbedder implements Embedder {
  readonly model = 'local-hash-384';
  readonly dimensions = DIMENSIONS;

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const text of texts) {
      signal?.throwIfAborted();
      vectors.push(embedText(text));
    }
    return vectors;
  }
}

export function embedText(text: string): number[] {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + weight);
  };
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    if (i > 0) add(`b:${words[i - 1]} ${word}`, 1);
    const marked = Array.from(`<${word}>`);
    for (let j = 0; j + 3 <= marked.length; j++) add(`c:${marked.slice(j, j + 3).join('')}`, 1);
  });

  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const [feature, tf] of counts) {
    const kind = feature[0] === 'w' ? WEIGHTS.word : feature[0] === 'b' ? WEIGHTS.bigram : WEIGHTS.trigram;
    const hash = fnv1a(feature);
    const sign = (mix(hash) & 1) === 0 ? 1 : -1;
    vector[hash % DIMENSIONS] += sign * kind * (1 + Math.log(tf));
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((x) => x / norm);
}

const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes: stable across platforms and releases. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: decorrelates the sign bit from the bucket (hash % 384). */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
