import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiKeyService, Auth, type AuthContext, KEY_SCOPES, PLATFORM_ADMIN_SCOPE, Scopes } from '@copilot/auth';
import { Problem, validate } from '@copilot/http';
import type { ApiKeyRecord } from '@copilot/persistence';
import { z } from 'zod';
import { dateTime, idParam, pageQuery } from '../request-schemas';
import { RequestId } from '../request-context';
import { presentPage } from '../presenters';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblemResponses, ApiRoute } from '../openapi/api-docs.decorators';
import { ApiKey, ApiKeyPage, ApiKeyWithSecret } from '../openapi/tenant.responses';

const createKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    // platform:admin parses, so the answer can say why it is refused (403) rather than "unknown scope".
    scopes: z.array(z.enum(KEY_SCOPES)).min(1, 'expected at least one scope').max(KEY_SCOPES.length),
    expiresAt: dateTime.refine((d) => d > new Date(), 'expected a time in the future').nullish(),
    rateLimit: z.number().int().min(1).max(1_000_000).nullish(),
  })
  .strict()
  .meta({
    example: { name: 'support widget', scopes: ['chat:read', 'chat:write'], expiresAt: '2027-06-01T00:00:00Z' },
  });

const rotateKeyBody = z
  .object({
    // How long the old key keeps working, default 24 h, at most 30 days.
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
  })
  .strict()
  .meta({ example: { gracePeriodSeconds: 3600 } })
  .default({ gracePeriodSeconds: 24 * 3600 });

const present = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  rateLimit: k.rateLimit,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
  replacedById: k.replacedById,
});

export const platformScopeRefused = () =>
  new Problem(403, {
    type: '/problems/platform-scope-not-grantable',
    title: 'This scope cannot be granted here',
    detail: `${PLATFORM_ADMIN_SCOPE} is given only by an operator with the CLI (key:create --scopes ${PLATFORM_ADMIN_SCOPE}).`,
  });

/** The tenant's API keys. Managing keys takes the `admin` scope; secrets are shown once. */
@ApiTags('API keys')
@Controller('api-keys')
@Scopes('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @HttpCode(201)
  @ApiRoute(
    'createApiKey',
    'Create an API key',
    'The secret is in this response only. A key never outlives the credential that creates it: created with an expiring key, it expires at the latest with that key; created with a JWT, within `JWT_KEY_MAX_LIFETIME_DAYS` (90 days by default). Without `expiresAt` it gets that latest expiry; a later one is a 400 naming `body.expiresAt`.',
  )
  @ApiJson(201, ApiKeyWithSecret, 'The new key, with its secret.')
  @ApiProblemResponses([
    403,
    'The credential lacks `admin`, or asked for `platform:admin` (only the operator CLI grants it).',
  ])
  async create(
    @Auth() auth: AuthContext,
    @Body(validate(createKeyBody)) body: z.output<typeof createKeyBody>,
    @RequestId() requestId: string,
  ) {
    if (body.scopes.includes(PLATFORM_ADMIN_SCOPE)) throw platformScopeRefused();
    const created = await this.keys.create(auth, body, requestId);
    return { ...present(created), key: created.key };
  }

  @Get()
  @ApiRoute('listApiKeys', 'List the API keys of the tenant, newest first', 'Secrets are never shown again.')
  @ApiJson(200, ApiKeyPage, 'A page of keys.')
  async list(@Auth() auth: AuthContext, @Query(validate(pageQuery)) page: z.output<typeof pageQuery>) {
    const result = await this.keys.list(auth.tenantId, page);
    return presentPage(result, present);
  }

  @Delete(':id')
  @ApiRoute('revokeApiKey', 'Revoke an API key', 'It stops working at once.')
  @ApiJson(200, ApiKey, 'The revoked key.')
  @ApiProblemResponses(404, [
    403,
    'The credential lacks `admin`, or the key holds `platform:admin` (revoked only with the CLI).',
  ])
  async revoke(@Auth() auth: AuthContext, @Param('id', validate(idParam)) id: string, @RequestId() requestId: string) {
    return present(await this.keys.revoke(auth, id, requestId));
  }

  @Post(':id/rotate')
  @HttpCode(201)
  @ApiRoute(
    'rotateApiKey',
    'Rotate an API key',
    'A successor with the same name, scopes and limit; the old key keeps working for the grace period.',
  )
  @ApiJson(201, ApiKeyWithSecret, 'The successor key, with its secret.')
  @ApiProblemResponses(
    404,
    [403, 'The credential lacks `admin`, or the key holds `platform:admin` (rotated only with the CLI).'],
    [409, 'The key was already rotated: rotate its successor (`replacedById`) instead.'],
  )
  async rotate(
    @Auth() auth: AuthContext,
    @Param('id', validate(idParam)) id: string,
    @Body(validate(rotateKeyBody)) body: z.output<typeof rotateKeyBody>,
    @RequestId() requestId: string,
  ) {
    const successor = await this.keys.rotate(auth, id, body.gracePeriodSeconds, requestId);
    return { ...present(successor), key: successor.key };
  }
}
