import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedRequest, PUBLIC_ROUTE } from '../auth-context';
import { RateLimiter, type RateLimitVerdict } from './rate-limiter';

/**
 * Runs after authentication: one budget per principal (API key, or token subject
 * within its tenant; a key may carry its own limit) and one per tenant. Answers with RateLimit-*
 * headers, and 429 + Retry-After once a budget is spent.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]))
      return true;
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (!auth) return true;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const { settings } = this.limiter;

    // With the tenant: a token's subject is unique only within its tenant's identity
    // provider, so two tenants' users with the same `sub` must not share one budget.
    const principal = await this.limiter.consume(
      `principal:${auth.tenantId}:${auth.principalType}:${auth.principalId}`,
      auth.rateLimit ?? settings.requests,
    );
    const tenant = principal.allowed
      ? await this.limiter.consume(`tenant:${auth.tenantId}`, settings.tenantRequests)
      : undefined;
    const shown = tenant && !tenant.allowed ? tenant : principal;
    setHeaders(reply, shown);
    if (shown.allowed) return true;
    void reply.header('retry-after', String(Math.max(1, Math.ceil(shown.resetMs / 1000))));
    throw new HttpException(
      {
        title: 'Too many requests',
        detail:
          tenant && !tenant.allowed
            ? 'This tenant has used its request budget.'
            : 'This API key or token has used its request budget.',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

function setHeaders(reply: FastifyReply, verdict: RateLimitVerdict): void {
  void reply.headers({
    'ratelimit-limit': String(verdict.limit),
    'ratelimit-remaining': String(Math.max(0, verdict.remaining)),
    'ratelimit-reset': String(Math.max(0, Math.ceil(verdict.resetMs / 1000))),
  });
}
