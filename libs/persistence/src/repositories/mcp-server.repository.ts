import { Injectable } from '@nestjs/common';
import type { McpServer, Prisma } from '../generated/prisma/client';
import { NEWEST_FIRST, olderThan, type Page, toPage } from '../lib/cursor';
import type { Tx } from '../lib/tenant-transaction';

export interface McpServerFields {
  name: string;
  url: string;
  secretName: string | null;
  allowedTools: string[];
  timeoutMs: number;
  tools: Prisma.InputJsonArray;
  toolsRefreshedAt: Date | null;
}

/** A tenant's MCP servers. Names are unique per tenant: they prefix the tool names the model sees. */
@Injectable()
export class McpServerRepository {
  create(tx: Tx, tenantId: string, fields: McpServerFields): Promise<McpServer> {
    return tx.mcpServer.create({ data: { tenantId, ...fields } });
  }

  findById(tx: Tx, id: string): Promise<McpServer | null> {
    return tx.mcpServer.findUnique({ where: { id } });
  }

  /** Those of `names` that exist, any order. */
  findByNames(tx: Tx, names: readonly string[]): Promise<McpServer[]> {
    return names.length ? tx.mcpServer.findMany({ where: { name: { in: [...names] } } }) : Promise.resolve([]);
  }

  async list(tx: Tx, page: { limit: number; cursor?: string }): Promise<Page<McpServer>> {
    const rows = await tx.mcpServer.findMany({
      where: olderThan(page.cursor),
      orderBy: NEWEST_FIRST,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit);
  }

  /** Null when there is no such server (for this tenant). */
  async update(tx: Tx, id: string, fields: Partial<McpServerFields>): Promise<McpServer | null> {
    const updated = await tx.mcpServer.updateMany({ where: { id }, data: fields });
    return updated.count === 0 ? null : this.findById(tx, id);
  }

  async delete(tx: Tx, id: string): Promise<boolean> {
    return (await tx.mcpServer.deleteMany({ where: { id } })).count === 1;
  }

  /**
   * Names of the copilots that list a tool whose name starts with `prefix` (a server's
   * `<name>__`): such a server is neither deleted nor renamed from under them.
   */
  async copilotsUsingPrefix(tx: Tx, prefix: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT c.name FROM copilots c
      WHERE EXISTS (
        SELECT 1 FROM jsonb_array_elements(c.tools) t
        WHERE left(t->>'name', length(${prefix})) = ${prefix}
      )
      ORDER BY c.name
      LIMIT 10`;
    return rows.map((r) => r.name);
  }
}
