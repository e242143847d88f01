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

export type SearchMode = 'keyword' | 'vector' | 'hybrid';
export const SEARCH_MODES: readonly SearchMode[] = ['keyword', 'vector', 'hybrid'];

/**
 * Asks every question in every mode through `search` (which answers the document ids of
 * the hits, best first) and scores the answers; `documentIds` maps file names to the ids
 * the uploads got.
 */
export async function evaluateSearch(
  questions: { question: string; expected: string[] }[],
  documentIds: Map<string, string>,
  search: (query: string, mode: SearchMode) => Promise<string[]>,
  k = 5,
): Promise<Record<SearchMode, RetrievalScore>> {
  const scores = {} as Record<SearchMode, RetrievalScore>;
  for (const mode of SEARCH_MODES) {
    const results = [];
    for (const { question, expected } of questions) {
      const ids = expected.map((name) => {
        const id = documentIds.get(name);
        if (!id) throw new Error(`Expected document ${name} was not uploaded`);
        return id;
      });
      results.push({ question, expected: ids, ranked: await search(question, mode) });
    }
    scores[mode] = scoreRetrieval(results, k);
  }
  return scores;
}
