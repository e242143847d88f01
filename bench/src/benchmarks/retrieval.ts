import { FakeOpenAiServer } from '@copilot/llm/testing';
import { KEYWORD_WEIGHT, relativeScoreFusion } from '@copilot/retrieval';
import {
  evaluateSearch,
  type EvalQuestion,
  loadRetrievalEval,
  type RetrievalScore,
  scoreRetrieval,
  SEARCH_MODES,
  type SearchMode,
} from '@copilot/retrieval/testing';
import { Pool } from 'pg';
import type { BenchmarkContext, BenchmarkOutcome } from '../lib/benchmark';
import { FAKE_OPENAI_KEY } from '../lib/fake-provider';
import { HttpClient } from '../lib/http-client';
import { PlatformEnv } from '../lib/platform-env';
import type { Figure } from '../lib/report';
import { uploadFile } from '../lib/upload-file';

const TOP_K = 5;
const EMBEDDERS = [
  { label: 'local embedder', embeddingModel: 'local' },
  { label: 'OpenAI-compatible embedder (fake)', embeddingModel: 'openai/text-embedding-3-small' },
] as const;

/**
 * Search quality on the project's evaluation set (libs/retrieval/src/testing/retrieval-eval):
 * every document uploaded through the API and ingested by a worker, then every question
 * asked in each search mode, for a collection on the local embedder and one on an
 * OpenAI-compatible embedder served by the fake OpenAI server.
 */
export async function retrieval({ size }: BenchmarkContext): Promise<BenchmarkOutcome> {
  const evalSet = await loadRetrievalEval(size.smoke ? 15 : undefined);
  const openai = await FakeOpenAiServer.start({ apiKey: FAKE_OPENAI_KEY });
  const platform = await PlatformEnv.create('retrieval', {
    LOG_LEVEL: 'error',
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: openai.url,
  });
  const admin = new Pool({ connectionString: platform.database.adminUrl, max: 2 });
  try {
    const apiUrl = await platform.start('api');
    await platform.start('worker');
    const api = new HttpClient(apiUrl, platform.apiKey, 4);
    const scores = new Map<string, Record<SearchMode, RetrievalScore>>();
    const sweeps = new Map<string, { weight: number; recall: number; mrr: number }[]>();
    let failed = 0;
    for (const embedder of EMBEDDERS) {
      const collection = await api.json<{ id: string }>('POST', '/v1/collections', {
        name: `retrieval eval, ${embedder.embeddingModel}`,
        embeddingModel: embedder.embeddingModel,
      });
      const documentIds = new Map<string, string>();
      for (const document of evalSet.documents) {
        documentIds.set(document.filename, await uploadFile(apiUrl, platform.apiKey, collection.id, document));
      }
      failed += await settled(admin, collection.id, evalSet.documents.length);
      scores.set(
        embedder.label,
        await evaluateSearch(evalSet.questions, documentIds, async (query, mode) => {
          const found = await api.json<{ data: { documentId: string }[] }>('POST', '/v1/search', {
            query,
            collectionIds: [collection.id],
            mode,
            topK: TOP_K,
          });
          return found.data.map((hit) => hit.documentId);
        }),
      );
      sweeps.set(embedder.label, await sweepFusionWeights(api, collection.id, evalSet.questions, documentIds));
    }
    await api.close();

    const figures: Figure[] = [];
    for (const [label, byMode] of scores) {
      for (const mode of SEARCH_MODES) {
        const { recall, mrr } = byMode[mode];
        figures.push({
          metric: `${mode} recall@5, ${label}`,
          unit: 'fraction',
          platform: recall,
          baseline: 1,
          ratio: recall,
        });
        figures.push({ metric: `${mode} MRR@5, ${label}`, unit: 'fraction', platform: mrr, baseline: 1, ratio: mrr });
      }
      const bestHalf = Math.max(byMode.keyword.recall, byMode.vector.recall);
      const best = sweeps
        .get(label)!
        .reduce((a, b) => (b.recall > a.recall || (b.recall === a.recall && b.mrr > a.mrr) ? b : a));
      figures.push({
        metric: `hybrid recall@5 at the best keyword weight (${best.weight.toFixed(1)}) of a 0-1 sweep, ${label}`,
        unit: 'fraction',
        platform: best.recall,
        baseline: bestHalf,
        ratio: best.recall / bestHalf,
      });
      figures.push({
        metric: `hybrid recall@5 against the better half, ${label}`,
        unit: 'fraction',
        platform: byMode.hybrid.recall,
        baseline: bestHalf,
        ratio: byMode.hybrid.recall / bestHalf,
      });
    }
    const local = scores.get(EMBEDDERS[0].label)!;
    const bestLocalHalf = Math.max(local.keyword.recall, local.vector.recall);
    const missed = local.hybrid.misses;
    return {
      parameters: {
        documents: evalSet.documents.length,
        questions: evalSet.questions.length,
        topK: TOP_K,
        embedders: EMBEDDERS.map((e) => e.embeddingModel).join(', '),
      },
      figures,
      targets: [
        {
          target: 'hybrid recall@5 >= 0.9 (local embedder)',
          observed: local.hybrid.recall.toFixed(3),
          met: local.hybrid.recall >= 0.9,
        },
        {
          target: 'hybrid recall@5 > max(keyword, vector) (local embedder)',
          observed: `${local.hybrid.recall.toFixed(3)} vs ${bestLocalHalf.toFixed(3)}`,
          met: local.hybrid.recall > bestLocalHalf,
        },
      ],
      notes: [
        'Recall@5: a question counts when one of its expected documents is among the documents of the top 5 hits; MRR@5: 1/rank of the first expected document among the distinct documents of those hits, 0 when absent.',
        `Keyword weight sweep (the same two result lists fused client-side by relative score fusion, keyword weight 0 to 1; the api uses ${KEYWORD_WEIGHT}), local embedder, recall@5/MRR: ${sweeps
          .get(EMBEDDERS[0].label)!
          .map((s) => `${s.weight.toFixed(1)}: ${s.recall.toFixed(3)}/${s.mrr.toFixed(2)}`)
          .join(', ')}.`,
        "The fake OpenAI server's vectors are hashes of the text (no meaning), so with it vector search is near chance and hybrid rests on its keyword half: it checks the wiring, not a model's quality.",
        `Questions hybrid (local) missed: ${missed.length}${missed.length ? ` (${missed.slice(0, 12).join('; ')}${missed.length > 12 ? '; ...' : ''})` : ''}.`,
      ],
      errors: failed,
    };
  } finally {
    await admin.end();
    await platform.close();
    await openai.close();
  }
}

/**
 * Hybrid search's ceiling over its one parameter: the keyword and vector result
 * lists, as deep as hybrid search takes them (4 x top 5), fused here by relative
 * score fusion at keyword weights 0, 0.1, ..., 1. Weight 1 is keyword search alone
 * (over the same lists), 0 vector search alone.
 */
async function sweepFusionWeights(
  api: HttpClient,
  collectionId: string,
  questions: EvalQuestion[],
  documentIds: Map<string, string>,
): Promise<{ weight: number; recall: number; mrr: number }[]> {
  type Hit = { chunkId: string; documentId: string; score: number };
  const lists: { question: string; expected: string[]; keyword: Hit[]; vector: Hit[] }[] = [];
  for (const { question, expected } of questions) {
    const search = async (mode: SearchMode) =>
      (
        await api.json<{ data: Hit[] }>('POST', '/v1/search', {
          query: question,
          collectionIds: [collectionId],
          mode,
          topK: TOP_K * 4,
        })
      ).data;
    lists.push({
      question,
      expected: expected.map((name) => documentIds.get(name)!),
      keyword: await search('keyword'),
      vector: await search('vector'),
    });
  }
  return Array.from({ length: 11 }, (_, i) => {
    const weight = i / 10;
    const { recall, mrr } = scoreRetrieval(
      lists.map(({ question, expected, keyword, vector }) => ({
        question,
        expected,
        ranked: relativeScoreFusion(
          [
            { items: vector, weight: 1 - weight },
            { items: keyword, weight },
          ],
          (hit) => hit.chunkId,
        )
          .slice(0, TOP_K)
          .map((hit) => hit.documentId),
      })),
      TOP_K,
    );
    return { weight, recall, mrr };
  });
}

/** Waits until every document of the collection is indexed or failed; answers how many failed. */
async function settled(admin: Pool, collectionId: string, documents: number): Promise<number> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await admin.query<{ indexed: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE stage = 'indexed') AS indexed, count(*) FILTER (WHERE stage = 'failed') AS failed
         FROM documents WHERE collection_id = $1`,
      [collectionId],
    );
    const indexed = Number(rows[0]!.indexed);
    const failed = Number(rows[0]!.failed);
    if (indexed + failed >= documents) return failed;
    if (Date.now() > deadline) throw new Error(`only ${indexed} of ${documents} documents indexed after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
