import { LocalEmbedder, embedText, fnv1a } from './local-embedder';

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

describe('LocalEmbedder', () => {
  const embedder = new LocalEmbedder();

  it('describes itself', () => {
    expect(embedder.model).toBe('local-hash-384');
    expect(embedder.dimensions).toBe(384);
  });

  it('returns one unit vector of 384 finite numbers per text, in order', async () => {
    const texts = ['The invoice is overdue.', 'Solar panels on the roof', 'ünïcödé テキスト 123'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(384);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(norm(vector)).toBeCloseTo(1, 10);
    }
    expect(vectors[1]).toEqual(embedText(texts[1]!));
    expect(await embedder.embed([])).toEqual([]);
  });

  it('is deterministic, and insensitive to case and spacing', async () => {
    const [a, b, c] = await embedder.embed([
      'Refund Policy for  orders',
      'Refund Policy for  orders',
      'refund policy FOR orders',
    ]);
    expect(a).toEqual(b);
    expect(dot(a!, c!)).toBeCloseTo(1, 10);
    // Pinned hash values: the vectors stored in a database must not change between releases.
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('scores texts about the same words clearly closer than unrelated texts', async () => {
    const [query, related, paraphrase, unrelated, other] = await embedder.embed([
      'How do I request a refund for a damaged order?',
      'Refunds for damaged orders are requested from the order page.',
      'To request a refund, open the damaged order and click refund.',
      'The cluster autoscaler adds nodes when pods are pending.',
      'Photosynthesis converts sunlight into chemical energy in plants.',
    ]);
    const simRelated = dot(query!, related!);
    const simParaphrase = dot(query!, paraphrase!);
    expect(simRelated).toBeGreaterThan(0.25);
    expect(simParaphrase).toBeGreaterThan(0.4);
    for (const far of [unrelated!, other!]) {
      expect(Math.abs(dot(query!, far))).toBeLessThan(0.1);
      expect(simRelated - dot(query!, far)).toBeGreaterThan(0.2);
    }
  });

  it('shares character n-grams between word forms', () => {
    const singular = embedText('invoice');
    expect(dot(singular, embedText('invoices'))).toBeGreaterThan(dot(singular, embedText('payroll')) + 0.3);
  });

  it('gives texts without words a fixed unit vector instead of zeros', async () => {
    const [empty, punctuation] = await embedder.embed(['', '  ?!… —  ']);
    expect(norm(empty!)).toBe(1);
    expect(empty![0]).toBe(1);
    expect(punctuation).toEqual(empty);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(embedder.embed(['text'], controller.signal)).rejects.toThrow('stop');
  });
});
