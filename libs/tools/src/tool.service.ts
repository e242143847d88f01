import { Injectable } from '@nestjs/common';
import { AuditLog, type AuthContext } from '@copilot/auth';
import { Conflict, NotFound } from '@copilot/errors';
import {
  isUniqueViolation,
  type Page,
  type Prisma,
  TenantSecretRepository,
  TenantTransactions,
  type Tool,
  type ToolFields,
  ToolRepository,
  type Tx,
} from '@copilot/persistence';
import { TenantSecrets } from '@copilot/secrets';
import { RowSecret } from './row-secret';
import { assertValidDefinition, type ToolCredentials, type ToolDefinition } from './tool-definition';

export type ToolInput = ToolDefinition & { credentials?: ToolCredentials | null };

/**
 * A tenant's tools: defined, changed and deleted by admins (audited), with their
 * credentials sealed in the tenant's secrets. A tool a copilot lists is neither
 * deleted nor renamed from under it.
 */
@Injectable()
export class ToolService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly tools: ToolRepository,
    secrets: TenantSecrets,
    secretRows: TenantSecretRepository,
    private readonly audit: AuditLog,
  ) {
    this.credentials = new RowSecret(
      'tool',
      secrets,
      secretRows,
      async (tx, id, secretName) => (await this.tools.update(tx, id, { secretName }))!,
    );
  }

  private readonly credentials: RowSecret<Tool>;

  create(actor: AuthContext, input: ToolInput, requestId?: string): Promise<Tool> {
    assertValidDefinition(input);
    return this.withNameTaken(input.name, () =>
      this.transactions.run(actor.tenantId, async (tx) => {
        const tool = await this.createIn(tx, actor.tenantId, input);
        await this.audit.record(
          tx,
          actor,
          'tool.created',
          { type: 'tool', id: tool.id },
          {
            requestId,
            metadata: { name: tool.name, kind: tool.kind },
          },
        );
        return tool;
      }),
    );
  }

  /** Inside the caller's transaction (an import creates many at once); not audited here. */
  async createIn(tx: Tx, tenantId: string, input: ToolInput): Promise<Tool> {
    assertValidDefinition(input);
    const tool = await this.tools.create(tx, tenantId, { ...fieldsOf(input), secretName: null });
    return input.credentials ? this.credentials.seal(tx, tenantId, tool, JSON.stringify(input.credentials)) : tool;
  }

  async get(tenantId: string, id: string): Promise<Tool> {
    const tool = await this.transactions.run(tenantId, (tx) => this.tools.findById(tx, id));
    if (!tool) throw new NotFound('tool', id);
    return tool;
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<Tool>> {
    return this.transactions.run(tenantId, (tx) => this.tools.list(tx, page));
  }

  /** `credentials: null` removes them; absent keeps them. */
  update(actor: AuthContext, id: string, changes: Partial<ToolInput>, requestId?: string): Promise<Tool> {
    return this.withNameTaken(changes.name ?? '', () =>
      this.transactions.run(actor.tenantId, async (tx) => {
        const current = await this.tools.findById(tx, id);
        if (!current) throw new NotFound('tool', id);
        const next = { ...definitionOf(current), ...withoutCredentials(changes) };
        assertValidDefinition(next);
        if (changes.name !== undefined && changes.name !== current.name) await this.assertUnused(tx, current.name);
        let tool = (await this.tools.update(tx, id, fieldsOf(next)))!;
        if (changes.credentials) {
          tool = await this.credentials.seal(tx, actor.tenantId, tool, JSON.stringify(changes.credentials));
        }
        if (changes.credentials === null) tool = await this.credentials.drop(tx, actor.tenantId, tool);
        await this.audit.record(
          tx,
          actor,
          'tool.updated',
          { type: 'tool', id },
          {
            requestId,
            metadata: { fields: Object.keys(changes) },
          },
        );
        return tool;
      }),
    );
  }

  delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      const tool = await this.tools.findById(tx, id);
      if (!tool) throw new NotFound('tool', id);
      await this.assertUnused(tx, tool.name);
      await this.tools.delete(tx, id);
      await this.credentials.remove(tx, actor.tenantId, tool);
      await this.audit.record(
        tx,
        actor,
        'tool.deleted',
        { type: 'tool', id },
        {
          requestId,
          metadata: { name: tool.name },
        },
      );
    });
  }

  /** The sealed credential headers of a tool, for the worker that calls it. */
  async credentialsOf(tx: Tx, tenantId: string, tool: Tool): Promise<ToolCredentials | null> {
    const sealed = await this.credentials.read(tx, tenantId, tool);
    return sealed ? (JSON.parse(sealed) as ToolCredentials) : null;
  }

  private async assertUnused(tx: Tx, name: string): Promise<void> {
    const copilots = await this.tools.copilotsUsing(tx, name);
    if (copilots.length) {
      throw new Conflict(
        'tool-in-use',
        'Tool in use',
        `Copilots use the tool ${name} (${copilots.join(', ')}); take it off them first.`,
        { copilots: copilots.join(', ') },
      );
    }
  }

  private async withNameTaken<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict('tool-name-taken', 'Tool name taken', `This tenant already has a tool named ${name}.`);
      }
      throw error;
    }
  }
}

function fieldsOf(tool: ToolDefinition): Omit<ToolFields, 'secretName'> {
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters as Prisma.InputJsonObject,
    kind: tool.kind,
    config: (tool.http ?? {}) as unknown as Prisma.InputJsonObject,
    idempotent: tool.idempotent,
    timeoutMs: tool.timeoutMs,
  };
}

export function definitionOf(tool: Tool): ToolDefinition {
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters as Record<string, unknown>,
    kind: tool.kind as ToolDefinition['kind'],
    http: tool.kind === 'http' ? (tool.config as unknown as ToolDefinition['http']) : null,
    idempotent: tool.idempotent,
    timeoutMs: tool.timeoutMs,
  };
}

function withoutCredentials(changes: Partial<ToolInput>): Partial<ToolDefinition> {
  const { credentials: _credentials, ...definition } = changes;
  return definition;
}
