import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRepository, PrismaService } from '@copilot/persistence';
import { PinoLogger } from 'nestjs-pino';
import { hashApiKey } from './api-key-secret';
import { type AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_SCOPES } from './auth-context';

/**
 * The global guard: deny by default. A request passes with an active api key in
 * `x-api-key` or `Authorization: Bearer`, and the scopes its route requires.
 * Keys are looked up on every request, so a revocation takes effect at once.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly prisma: PrismaService,
    private readonly keys: ApiKeyRepository,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = credentialOf(request);
    if (!presented) throw new UnauthorizedException('Send an API key in x-api-key or Authorization: Bearer.');
    const key = await this.keys.findActiveByHash(this.prisma.client, hashApiKey(presented));
    if (!key) throw new UnauthorizedException('The API key is not valid, or was revoked or expired.');

    request.auth = { tenantId: key.tenantId, principalId: key.id, scopes: key.scopes };
    this.logger.assign({ tenant_id: key.tenantId, api_key_id: key.id });

    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = key.scopes.includes('admin') ? [] : required.filter((scope) => !key.scopes.includes(scope));
    if (missing.length > 0) throw new ForbiddenException(`This API key lacks the scope(s): ${missing.join(', ')}.`);
    return true;
  }
}

function credentialOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
