import { Injectable } from '@nestjs/common';
import type { Copilot, Prisma } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

/** A tool a copilot may call, by name (a tenant tool or a builtin), and whether each call waits for approval. */
export interface CopilotTool {
  name: string;
  approval: 'never' | 'always';
}
export type CopilotToolChoice = 'auto' | 'required' | 'none' | { name: string };

export interface CopilotFields {
  name: string;
  instructions: string;
  model: string | null;
  temperature: number | null;
  maxTokens: number | null;
  fallbackModels: string[];
  collectionIds?: string[];
  tools?: CopilotTool[];
  toolChoice?: CopilotToolChoice;
  maxSteps?: number;
  maxToolCalls?: number | null;
  parallelToolCalls?: boolean;
}

@Injectable()
export class CopilotRepository {
  create(tx: Tx, tenantId: string, fields: CopilotFields): Promise<Copilot> {
    return tx.copilot.create({ data: { tenantId, ...asColumns(fields) } });
  }

  findById(tx: Tx, id: string): Promise<Copilot | null> {
    return tx.copilot.findUnique({ where: { id } });
  }

  /** Names are not unique: every match, so a caller can tell an ambiguous name apart. */
  findByName(tx: Tx, name: string): Promise<Copilot[]> {
    return tx.copilot.findMany({ where: { name }, orderBy: NEWEST_FIRST });
  }

  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<Copilot>> {
    const rows = await tx.copilot.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** Null when there is no such copilot (for this tenant). */
  async update(tx: Tx, id: string, fields: Partial<CopilotFields>): Promise<Copilot | null> {
    const updated = await tx.copilot.updateMany({ where: { id }, data: asColumns(fields) });
    return updated.count === 0 ? null : this.findById(tx, id);
  }

  /** Conversations bound to it keep their history and fall back to the default model. */
  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.copilot.deleteMany({ where: { id } })).count === 1;
  }
}

/** The JSON columns take plain JSON values (the tool list, the tool choice). */
function asColumns<F extends Partial<CopilotFields>>(fields: F) {
  const { tools, toolChoice, ...rest } = fields;
  return {
    ...rest,
    ...(tools !== undefined ? { tools: tools as unknown as Prisma.InputJsonArray } : {}),
    ...(toolChoice !== undefined ? { toolChoice: toolChoice as Prisma.InputJsonValue } : {}),
  };
}
