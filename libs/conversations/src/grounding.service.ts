import { Inject, Injectable, Logger } from '@nestjs/common';
import { countTokens } from '@copilot/llm';
import type { JobOf } from '@copilot/queues';
import { KNOWLEDGE_OPTIONS, type KnowledgeSettings, SearchService } from '@copilot/retrieval';
import { type GenerationPlan, REPLY_ESTIMATE_TOKENS } from './generation-planner';

/** Where a reply's passage came from: enough to show and link the source. */
export interface Citation {
  documentId: string;
  chunkId: string;
  title: string;
  headingPath: string[];
  start: number;
  end: number;
}

export interface Grounding {
  /** The instructions, with the passages and how to cite them appended. */
  system: string;
  passages: { title: string; text: string }[];
  citations: Citation[];
}

const INSTRUCTIONS =
  'Answer from the numbered passages below when they are relevant, and cite them as [1], [2], ... ' +
  'If they do not contain the answer, say so.';

/**
 * Retrieves the passages a reply should rest on (the copilot's collections and
 * any the message named), as many of the best as fit the prompt's token budget.
 */
@Injectable()
export class GroundingService {
  private readonly logger = new Logger(GroundingService.name);

  constructor(
    private readonly search: SearchService,
    @Inject(KNOWLEDGE_OPTIONS) private readonly settings: KnowledgeSettings,
  ) {}

  async ground(payload: JobOf<'chat.generate'>, plan: GenerationPlan): Promise<Grounding> {
    const none = { system: plan.system, passages: [], citations: [] };
    const collectionIds = [...new Set([...plan.collectionIds, ...(payload.collectionIds ?? [])])];
    const question = plan.context.messages.at(-1)?.content;
    if (collectionIds.length === 0 || !question) return none;
    let hits;
    try {
      hits = await this.search.search(payload.tenantId, {
        query: question,
        collectionIds,
        mode: 'hybrid',
        topK: this.settings.retrievalTopK,
      });
    } catch (error) {
      // A deleted collection or an embeddings outage degrades the answer, it does not fail it.
      this.logger.warn({ err: error, job_id: payload.jobId }, 'retrieval failed; answering without passages');
      return none;
    }
    const replyRoom = plan.maxTokens ?? REPLY_ESTIMATE_TOKENS;
    let budget = plan.window - replyRoom - plan.context.inputTokens - countTokens(INSTRUCTIONS);
    const kept = [];
    for (const hit of hits) {
      const cost = countTokens(hit.text) + 16;
      if (cost > budget) break;
      budget -= cost;
      kept.push(hit);
    }
    if (kept.length === 0) return none;
    const block = kept
      .map((hit, i) => `[${i + 1}] ${[hit.title, ...hit.headingPath].join(' > ')}\n${hit.text}`)
      .join('\n\n');
    return {
      system: [plan.system, INSTRUCTIONS, block].filter(Boolean).join('\n\n'),
      passages: kept.map((hit) => ({ title: hit.title, text: hit.text })),
      citations: kept.map((hit) => ({
        documentId: hit.documentId,
        chunkId: hit.chunkId,
        title: hit.title,
        headingPath: hit.headingPath,
        start: hit.startOffset,
        end: hit.endOffset,
      })),
    };
  }
}
