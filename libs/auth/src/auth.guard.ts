import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRepository, PrismaService, TenantRepository } from '@copilot/persistence';
import type { FastifyReply } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { hashApiKey } from './api-key-secret';
import { ApiKeyUsage } from './api-keys/api-key-usage';
import {
  ANY_OF_SCOPES,
  type AuthContext,
  type AuthenticatedRequest,
  hasScope,
  isPlatformAdmin,
  PLATFORM_ADMIN_ROUTE,
  PLATFORM_ADMIN_SCOPE,
  PUBLIC_ROUTE,
  REQUIRED_SCOPES,
  type Scope,
} from './auth-context';
import { JwtVerifier } from './jwt';
import { failureBucketOf, type PresentedCredential, presentedCredential } from './presented-credential';
import { RateLimiter } from './rate-limit/rate-limiter';

/**
 * The global guard: deny by default. A request passes with an active API key
 * (`x-api-key` or `Authorization: Bearer cp_...`) or a valid JWT (`Authorization:
 * Bearer eyJ...`), and the scopes its route requires. Keys are looked up on every
 * request, so a revocation takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly prisma: PrismaService,
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    private readonly usage: ApiKeyUsage,
    private readonly jwt: JwtVerifier,
    private readonly logger: PinoLogger,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    let auth: AuthContext;
    try {
      auth = await this.authenticateRequest(request);
    } catch (error) {
      if (error instanceof AuthThrottledException)
        void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
    request.auth = auth;
    this.logger.assign({ tenant_id: auth.tenantId, principal: `${auth.principalType}:${auth.principalId}` });

    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_ROUTE, targets)) {
      if (!isPlatformAdmin(auth))
        throw new ForbiddenException(`This route needs an API key with the ${PLATFORM_ADMIN_SCOPE} scope.`);
      return true;
    }
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = auth.scopes.includes('admin') ? [] : required.filter((scope) => !auth.scopes.includes(scope));
    if (missing.length > 0) throw new ForbiddenException(`This credential lacks the scope(s): ${missing.join(', ')}.`);
    const anyOf = this.reflector.getAllAndOverride<Scope[]>(ANY_OF_SCOPES, targets);
    if (anyOf && !anyOf.some((scope) => hasScope(auth, scope)))
      throw new ForbiddenException(`This credential needs one of the scopes: ${anyOf.join(', ')}.`);
    return true;
  }

  /**
   * Every way in (routes, the queue dashboard) authenticates here, counting failures
   * twice: per client address and credential (AUTH_FAILURE_LIMIT), and per address in
   * all (AUTH_FAILURE_ADDRESS_LIMIT, higher). Past either, AuthThrottledException (429)
   * comes before the credential is even looked at, so keys cannot be guessed at the
   * api's speed. One client failing with a stale key behind a NAT spends only its own
   * count; someone guessing with a new prefix each time spends the address's, and only
   * then are the valid keys behind that address refused too (until the window ends):
   * past that point a guess and a valid key cannot be told apart without checking it.
   */
  async authenticateRequest(request: AuthenticatedRequest): Promise<AuthContext> {
    const credential = presentedCredential(request);
    const { authFailures, authFailuresPerAddress } = this.limiter.settings;
    const counts: [string, number][] = [
      [`auth-failure:${request.ip}:${failureBucketOf(credential)}`, authFailures],
      [`auth-failure:${request.ip}`, authFailuresPerAddress],
    ];
    const verdicts = await Promise.all(counts.map(([key, limit]) => this.limiter.spent(key, limit)));
    const spent = verdicts.find((verdict) => !verdict.allowed);
    if (spent) throw new AuthThrottledException(Math.max(1, Math.ceil(spent.resetMs / 1000)));
    try {
      return await this.authenticateCredential(credential);
    } catch (error) {
      if (error instanceof UnauthorizedException)
        await Promise.all(counts.map(([key, limit]) => this.limiter.consume(key, limit)));
      throw error;
    }
  }

  private async authenticateCredential(credential: PresentedCredential): Promise<AuthContext> {
    if (credential.kind === 'none')
      throw new UnauthorizedException('Send an API key in x-api-key, or a key or token as Authorization: Bearer.');
    if (credential.kind === 'api_key') return this.byApiKey(credential.value);
    const bearer = credential.value;
    const principal = await this.jwt.verify(bearer);
    // A signature proves who issued the token, not that its tenant exists: without this
    // a token for an unknown tenant id (a typo, a deleted tenant) acted in an empty tenant.
    if (!(await this.tenants.exists(this.prisma.client, principal.tenantId)))
      throw new UnauthorizedException(TOKEN_UNKNOWN_TENANT);
    return {
      tenantId: principal.tenantId,
      principalType: 'jwt',
      principalId: principal.subject,
      // A tenant's IdP must not be able to mint platform admins.
      scopes: principal.scopes.filter((scope) => scope !== PLATFORM_ADMIN_SCOPE),
      rateLimit: null,
    };
  }

  private async byApiKey(presented: string): Promise<AuthContext> {
    const key = await this.keys.findActiveByHash(this.prisma.client, hashApiKey(presented));
    if (!key) throw new UnauthorizedException('The API key is not valid, or was revoked or expired.');
    this.usage.note(key.tenantId, key.id);
    return {
      tenantId: key.tenantId,
      principalType: 'api_key',
      principalId: key.id,
      scopes: key.scopes,
      rateLimit: key.rateLimit,
    };
  }
}

const TOKEN_UNKNOWN_TENANT = 'The token names a tenant that does not exist.';

const THROTTLED_DETAIL =
  'Too many requests from this address failed to authenticate; retry after the time in Retry-After.';

/** 429 for an address with too many failed authentications in the current window. */
export class AuthThrottledException extends HttpException {
  readonly detail = THROTTLED_DETAIL;

  constructor(readonly retryAfterSeconds: number) {
    super({ title: 'Too many failed authentications', detail: THROTTLED_DETAIL }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
