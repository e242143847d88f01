/** Recall@k and mean reciprocal rank of ranked answers to the evaluation questions. */
export interface RetrievalScore {
  questions: number;
  /** Fraction of questions with an expected document among the first k distinct documents. */
  recall: number;
  /** Mean of 1 / rank of the first expected document (0 when it is not among the first k). */
  mrr: number;
  /** The questions whose expected documents were all missed. */
  misses: string[];
}

/**
 * `ranked` holds, per question, the documents of the search hits in rank order (a
 * document with several chunks among the hits counts once, at its best rank).
 */
export function scoreRetrieval(
  results: { question: string; expected: string[]; ranked: string[] }[],
  k: number,
): RetrievalScore {
  let found = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const { question, expected, ranked } of results) {
    const distinct = [...new Set(ranked)].slice(0, k);
    const rank = distinct.findIndex((document) => expected.includes(document));
    if (rank < 0) {
      misses.push(question);
      continue;
    }
    found++;
    reciprocal += 1 / (rank + 1);
  }
  const n = results.length || 1;
  return { questions: results.length, recall: found / n, mrr: reciprocal / n, misses };
}
