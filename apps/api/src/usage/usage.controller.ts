import { Controller, Get, Query } from '@nestjs/common';
import { Auth, type AuthContext, Scopes } from '@copilot/auth';
import { validate } from '@copilot/http';
import { TenantTransactions, UsageRepository } from '@copilot/persistence';
import { z } from 'zod';
import { dateTime } from '../request-schemas';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiRoute } from '../openapi/api-docs.decorators';
import { Usage } from '../openapi/tenant.responses';

const DAY_MS = 24 * 3600 * 1000;

const usageQuery = z
  .object({
    from: dateTime.optional(),
    to: dateTime.optional(),
    groupBy: z.enum(['model', 'day']).default('day'),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    return { groupBy: q.groupBy, to, from: q.from ?? new Date(to.getTime() - 30 * DAY_MS) };
  })
  .refine((q) => q.from < q.to, { message: 'expected from before to', path: ['from'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 366 * DAY_MS, {
    message: 'expected at most a year',
    path: ['to'],
  });

/** Requests and tokens of this tenant by model or UTC day, over [from, to) (default: the last 30 days). */
@ApiTags('Usage')
@Controller('usage')
export class UsageController {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usage: UsageRepository,
  ) {}

  @Get()
  @Scopes('chat:read')
  @ApiRoute(
    'getUsage',
    'Requests and tokens by model or UTC day',
    'Over [from, to), at most a year; default: the last 30 days.',
  )
  @ApiJson(200, Usage, 'The usage rows.')
  async get(@Auth() auth: AuthContext, @Query(validate(usageQuery)) query: z.output<typeof usageQuery>) {
    const rows = await this.transactions.run(auth.tenantId, (tx) => this.usage.summarize(tx, query));
    return {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      data: rows.map((r) => ({
        [query.groupBy]: r.key,
        requests: r.requests,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
      })),
    };
  }
}
