import { Injectable } from '@nestjs/common';
import type { Prisma, Tool } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export interface ToolFields {
  name: string;
  description: string;
  parameters: Prisma.InputJsonObject;
  kind: 'http' | 'client';
  config: Prisma.InputJsonObject;
  secretName: string | null;
  idempotent: boolean;
  timeoutMs: number;
}

/** A tenant's tools. Names are unique per tenant (they are what the model calls). */
@Injectable()
export class ToolRepository {
  create(tx: Tx, tenantId: string, fields: ToolFields): Promise<Tool> {
    return tx.tool.create({ data: { tenantId, ...fields } });
  }

  findById(tx: Tx, id: string): Promise<Tool | null> {
    return tx.tool.findUnique({ where: { id } });
  }

  /** Those of `names` that exist, any order. */
  findByNames(tx: Tx, names: readonly string[]): Promise<Tool[]> {
    return names.length ? tx.tool.findMany({ where: { name: { in: [...names] } } }) : Promise.resolve([]);
  }

  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<Tool>> {
    const rows = await tx.tool.findMany({ where: olderThan(page.cursor), orderBy: NEWEST_FIRST, take: page.limit + 1 });
    return toPage(rows, page.limit);
  }

  /** Null when there is no such tool (for this tenant). */
  async update(tx: Tx, id: string, fields: Partial<ToolFields>): Promise<Tool | null> {
    const updated = await tx.tool.updateMany({ where: { id }, data: fields });
    return updated.count === 0 ? null : this.findById(tx, id);
  }

  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.tool.deleteMany({ where: { id } })).count === 1;
  }

  /** Names of the copilots that list the tool `name` (a tool in use is not deleted or renamed). */
  async copilotsUsing(tx: Tx, name: string): Promise<string[]> {
    const rows = await tx.copilot.findMany({
      where: { tools: { array_contains: [{ name }] } },
      select: { name: true },
      take: 10,
    });
    return rows.map((r) => r.name);
  }
}
