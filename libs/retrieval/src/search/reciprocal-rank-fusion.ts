/** The usual constant: dampens the weight of the very top ranks so neither list dominates. */
const K = 60;

/**
 * Fuses ranked lists by reciprocal rank: each item scores sum(1 / (K + rank)) over
 * the lists it appears in. The fused score replaces the items' own scores, which
 * are not comparable across retrievers (cosine vs text rank).
 */
export function reciprocalRankFusion<T extends { score: number }>(lists: T[][], idOf: (item: T) => string): T[] {
  const fused = new Map<string, { item: T; score: number }>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      const id = idOf(item);
      const entry = fused.get(id) ?? { item, score: 0 };
      entry.score += 1 / (K + rank + 1);
      fused.set(id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score).map(({ item, score }) => ({ ...item, score }));
}
