import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { AuditLog, Auth, type AuthContext, Scopes } from '@copilot/auth';
import { EGRESS_RULES, EgressError, type EgressRules, parseOutboundUrl, vetAddress } from '@copilot/egress';
import { validate, ValidationProblem } from '@copilot/http';
import { ProviderKeys } from '@copilot/secrets';
import { TenantTransactions } from '@copilot/persistence';
import { z } from 'zod';
import { RequestId } from '../request-context';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiNoContent, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { ProviderKeyList } from '../openapi/tenant.responses';

const providerParam = z.enum(['openai', 'anthropic', 'gemini'], { error: 'expected openai, anthropic or gemini' });
const keyBody = z
  .object({
    apiKey: z.string().min(1).max(1_000),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .max(2_000)
      .optional(),
    /** Only these models use the key; the others keep the platform's key (or the next model of the chain). */
    models: z
      .array(
        z
          .string()
          .min(1, { error: 'expected a model name such as gpt-4o-mini' })
          .max(200)
          .regex(/^\S+$/, { error: 'expected a model name without spaces, such as gpt-4o-mini' }),
        { error: 'expected a list of model names, such as ["gpt-4o-mini"]' },
      )
      .min(1, { error: 'expected at least one model name; leave models out to use the key for every model' })
      .max(100)
      .optional(),
  })
  .strict()
  .meta({ example: { apiKey: 'provider-key-from-your-vendor-console', models: ['gpt-4o-mini', 'o3-mini'] } });

/** A tenant's own provider keys: stored encrypted, never shown again, used instead of the platform's. */
@ApiTags('Provider keys')
@Controller('provider-keys')
@Scopes('admin')
export class ProviderKeysController {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly keys: ProviderKeys,
    private readonly audit: AuditLog,
    @Inject(EGRESS_RULES) private readonly egress: EgressRules,
  ) {}

  @Get()
  @ApiRoute('listProviderKeys', 'List which providers have a key of this tenant')
  @ApiJson(200, ProviderKeyList, 'The providers with a stored key (never the keys).')
  async list(@Auth() auth: AuthContext) {
    return { data: await this.transactions.run(auth.tenantId, (tx) => this.keys.list(tx, auth.tenantId)) };
  }

  @Put(':provider')
  @HttpCode(204)
  @ApiRoute(
    'putProviderKey',
    "Store the tenant's own key for a provider",
    "Stored encrypted and used instead of the platform's key; never shown again. A `baseUrl` must be a public address (or one the operator admits in EGRESS_ALLOWED_HOSTS): every call to it goes through the egress policy. With `models` (the vendor's names, `gpt-4o-mini` or `openai/gpt-4o-mini`), the key is used only for those models; the others keep the platform's key or fall back along the copilot's chain.",
  )
  @ApiNoContent('Stored.')
  async put(
    @Auth() auth: AuthContext,
    @Param('provider', validate(providerParam)) provider: z.output<typeof providerParam>,
    @Body(validate(keyBody)) body: z.output<typeof keyBody>,
    @RequestId() requestId: string,
  ) {
    if (body.baseUrl) await this.checkEndpoint(body.baseUrl);
    // `openai/gpt-4o` is how copilots name it; the key is matched against the vendor's name.
    const models = body.models && [
      ...new Set(body.models.map((m) => (m.startsWith(`${provider}/`) ? m.slice(provider.length + 1) : m))),
    ];
    await this.transactions.run(auth.tenantId, async (tx) => {
      await this.keys.put(tx, auth.tenantId, provider, { ...body, ...(models ? { models } : {}) });
      await this.audit.record(tx, auth, 'provider_key.set', { type: 'provider_key', id: provider }, { requestId });
    });
  }

  @Delete(':provider')
  @HttpCode(204)
  @ApiRoute('deleteProviderKey', "Remove the tenant's key for a provider", "The platform's key (if any) is used again.")
  @ApiNoContent('Removed.')
  @ApiProblemResponses(404)
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

  /**
   * A base URL must pass the egress policy now (a clear 400 rather than a failing job);
   * every call checks it again when it connects, since DNS can change.
   */
  private async checkEndpoint(baseUrl: string): Promise<void> {
    try {
      await vetAddress(parseOutboundUrl(baseUrl), this.egress);
    } catch (error) {
      if (!(error instanceof EgressError)) throw error;
      const expected = error.reason === 'network' ? 'a host name that resolves' : 'a public http(s) address';
      throw new ValidationProblem([{ field: 'body.baseUrl', message: `${error.message}: expected ${expected}` }]);
    }
  }
}
