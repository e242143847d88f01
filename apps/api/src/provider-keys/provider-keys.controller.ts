import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { AuditLog, Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { ProviderKeys } from '@copilot/llm';
import { TenantTransactions } from '@copilot/persistence';
import { z } from 'zod';
import { RequestId } from '../request-context';

const providerParam = z.enum(['openai', 'anthropic', 'gemini'], { error: 'expected openai, anthropic or gemini' });
const keyBody = z
  .object({
    apiKey: z.string().min(1).max(1_000),
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  })
  .strict();

/** A tenant's own provider keys: stored encrypted, never shown again, used instead of the platform's. */
@Controller('provider-keys')
@Scopes('admin')
export class ProviderKeysController {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly keys: ProviderKeys,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list(@Auth() auth: AuthContext) {
    return { data: await this.transactions.run(auth.tenantId, (tx) => this.keys.list(tx)) };
  }

  @Put(':provider')
  @HttpCode(204)
  async put(
    @Auth() auth: AuthContext,
    @Param('provider', validate(providerParam)) provider: z.output<typeof providerParam>,
    @Body(validate(keyBody)) body: z.output<typeof keyBody>,
    @RequestId() requestId: string,
  ) {
    await this.transactions.run(auth.tenantId, async (tx) => {
      await this.keys.put(tx, auth.tenantId, provider, body);
      await this.audit.record(tx, auth, 'provider_key.set', { type: 'provider_key', id: provider }, { requestId });
    });
  }

  @Delete(':provider')
  @HttpCode(204)
  async remove(
    @Auth() auth: AuthContext,
    @Param('provider', validate(providerParam)) provider: z.output<typeof providerParam>,
    @RequestId() requestId: string,
  ) {
    await this.transactions.run(auth.tenantId, async (tx) => {
      await this.keys.remove(tx, auth.tenantId, provider);
      await this.audit.record(tx, auth, 'provider_key.removed', { type: 'provider_key', id: provider }, { requestId });
    });
  }
}
