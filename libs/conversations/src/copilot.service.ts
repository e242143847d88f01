import { Injectable } from '@nestjs/common';
import { NotFound } from '@copilot/errors';
import { AuditLog, type AuthContext } from '@copilot/auth';
import {
  CollectionRepository,
  type Copilot,
  type CopilotFields,
  type CopilotTool,
  type CopilotToolChoice,
  CopilotRepository,
  type Page,
  TenantTransactions,
  ToolRepository,
} from '@copilot/persistence';
import { assertCollectionsExist } from './collection-refs';
import { assertToolsResolve } from './tool-refs';

/** Named assistants: instructions, model, sampling and fallbacks. Changes are audited. */
@Injectable()
export class CopilotService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly copilots: CopilotRepository,
    private readonly audit: AuditLog,
    private readonly collections: CollectionRepository,
    private readonly tools: ToolRepository,
  ) {}

  create(actor: AuthContext, fields: CopilotFields, requestId?: string): Promise<Copilot> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      await assertCollectionsExist(this.collections, tx, fields.collectionIds, 'body.collectionIds');
      await assertToolsResolve(this.tools, tx, fields.tools, fields.toolChoice, []);
      const copilot = await this.copilots.create(tx, actor.tenantId, fields);
      await this.audit.record(tx, actor, 'copilot.created', { type: 'copilot', id: copilot.id }, { requestId });
      return copilot;
    });
  }

  async get(tenantId: string, id: string): Promise<Copilot> {
    const copilot = await this.transactions.run(tenantId, (tx) => this.copilots.findById(tx, id));
    if (!copilot) throw new NotFound('copilot', id);
    return copilot;
  }

  /** Copilots with exactly this name (at most two: enough to tell a unique name from an ambiguous one). */
  findByName(tenantId: string, name: string): Promise<Copilot[]> {
    return this.transactions.run(tenantId, (tx) => this.copilots.findByName(tx, name));
  }

  list(tenantId: string, page: { limit: number; cursor?: string }): Promise<Page<Copilot>> {
    return this.transactions.run(tenantId, (tx) => this.copilots.list(tx, page));
  }

  update(actor: AuthContext, id: string, fields: Partial<CopilotFields>, requestId?: string): Promise<Copilot> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      await assertCollectionsExist(this.collections, tx, fields.collectionIds, 'body.collectionIds');
      const current = await this.copilots.findById(tx, id);
      if (!current) throw new NotFound('copilot', id);
      const listed = current.tools as unknown as CopilotTool[];
      // A forced choice must stay among the tools: checked against the tools as they will be.
      const choice = fields.toolChoice ?? (fields.tools ? (current.toolChoice as CopilotToolChoice) : undefined);
      await assertToolsResolve(this.tools, tx, fields.tools, choice, listed);
      const copilot = (await this.copilots.update(tx, id, fields))!;
      await this.audit.record(
        tx,
        actor,
        'copilot.updated',
        { type: 'copilot', id },
        {
          requestId,
          metadata: { fields: Object.keys(fields) },
        },
      );
      return copilot;
    });
  }

  delete(actor: AuthContext, id: string, requestId?: string): Promise<void> {
    return this.transactions.run(actor.tenantId, async (tx) => {
      if (!(await this.copilots.delete(tx, id))) throw new NotFound('copilot', id);
      await this.audit.record(tx, actor, 'copilot.deleted', { type: 'copilot', id }, { requestId });
    });
  }
}
