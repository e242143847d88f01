import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuthContext } from '@copilot/auth';
import { EGRESS_RULES, type EgressRules } from '@copilot/egress';
import { Conflict, InvalidInput } from '@copilot/errors';
import { TenantTransactions, type Tool, ToolRepository } from '@copilot/persistence';
import { fetchDocument, UrlFetchError } from '@copilot/retrieval';
import { type ImportedOperation, readOpenApiDocument, toolsFromOpenApi } from './openapi-import';
import type { ToolCredentials } from './tool-definition';
import { ToolService } from './tool.service';

export interface OpenApiImportRequest {
  /** The document (an object, or JSON or YAML text), or where to fetch it. */
  document?: unknown;
  url?: string;
  operations?: string[];
  baseUrl?: string;
  namePrefix?: string;
  /** Sealed on every imported tool. */
  credentials?: ToolCredentials;
  timeoutMs: number;
}

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

/**
 * POST /v1/tools/import-openapi: an OpenAPI 3 document (given, or fetched through the
 * egress policy) becomes one http tool per operation, all in one transaction: a name
 * the tenant already has refuses the whole import, which then creates nothing.
 */
@Injectable()
export class OpenApiImporter {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly repository: ToolRepository,
    private readonly tools: ToolService,
    private readonly audit: AuditLog,
    @Inject(EGRESS_RULES) private readonly rules: EgressRules,
  ) {}

  async import(
    actor: AuthContext,
    request: OpenApiImportRequest,
    requestId?: string,
  ): Promise<{ tools: Tool[]; skipped: Extract<ImportedOperation, { skipped: string }>[] }> {
    const document = readOpenApiDocument(request.document ?? (await this.fetch(request.url)));
    const operations = toolsFromOpenApi(document, request);
    const definitions = operations.flatMap((o) => ('tool' in o ? [o.tool] : []));
    const skipped = operations.flatMap((o) => ('skipped' in o ? [o] : []));
    if (definitions.length === 0) {
      throw new InvalidInput([{ field: 'body.document', message: 'no operation of the document can be a tool' }]);
    }
    const tools = await this.transactions.run(actor.tenantId, async (tx) => {
      const taken = await this.repository.findByNames(
        tx,
        definitions.map((d) => d.name),
      );
      if (taken.length) {
        throw new Conflict(
          'tool-name-taken',
          'Tool name taken',
          `This tenant already has tools named ${taken.map((t) => t.name).join(', ')}; nothing was imported (namePrefix keeps names apart).`,
        );
      }
      const created: Tool[] = [];
      for (const definition of definitions) {
        created.push(
          await this.tools.createIn(tx, actor.tenantId, { ...definition, credentials: request.credentials }),
        );
      }
      await this.audit.record(
        tx,
        actor,
        'tool.imported',
        { type: 'tool' },
        {
          requestId,
          metadata: { names: created.map((t) => t.name), ...(request.url ? { url: request.url } : {}) },
        },
      );
      return created;
    });
    return { tools, skipped };
  }

  private async fetch(url: string | undefined): Promise<string> {
    if (!url) throw new InvalidInput([{ field: 'body', message: 'expected document or url' }]);
    try {
      const fetched = await fetchDocument(url, {
        maxBytes: MAX_DOCUMENT_BYTES,
        timeoutMs: FETCH_TIMEOUT_MS,
        rules: this.rules,
      });
      return fetched.bytes.toString('utf8');
    } catch (error) {
      if (error instanceof UrlFetchError) throw new InvalidInput([{ field: 'body.url', message: error.message }]);
      throw error;
    }
  }
}
