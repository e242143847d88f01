import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

/** A tenant's scopes: what the tenant api may grant and a tenant's IdP may put in a token. */
export const SCOPES = ['chat:read', 'chat:write', 'documents:read', 'documents:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Operates the platform across tenants (/v1/admin/*, /admin/queues). Deliberately
 * outside SCOPES: `admin` does not imply it, the tenant api cannot grant it, a JWT
 * never carries it; only the CLI (`key:create --scopes platform:admin`) puts it on a key.
 */
export const PLATFORM_ADMIN_SCOPE = 'platform:admin';
/** Every scope an API key may hold, as the CLI accepts them. */
export const KEY_SCOPES = [...SCOPES, PLATFORM_ADMIN_SCOPE] as const;

/** Who is calling: set by the guard on every authenticated request. */
export interface AuthContext {
  tenantId: string;
  /** `cli`: the operator's admin CLI acting inside a tenant (never an HTTP request). */
  principalType: 'api_key' | 'jwt' | 'cli';
  /** The api key's id, the token's subject, or the CLI operator. */
  principalId: string;
  scopes: readonly string[];
  /** This principal's requests per rate-limit window; null: the platform default. */
  rateLimit: number | null;
}

export interface AuthenticatedRequest {
  auth?: AuthContext;
  headers: Record<string, string | string[] | undefined>;
  /** The client's address (behind proxies: as TRUST_PROXY allows Fastify to read it). */
  ip?: string;
}

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_SCOPES = 'auth:scopes';
export const PLATFORM_ADMIN_ROUTE = 'auth:platform-admin';
export const ANY_OF_SCOPES = 'auth:any-of-scopes';

/** Opens a route to anyone (probes, docs). Everything else is denied without credentials. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Every listed scope is required; `admin` grants all of them. */
export const Scopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * At least one listed scope is required (`admin` grants all): for routes whose resource
 * decides which one it needs (a job: chat:read for a chat job, documents:read for an
 * ingest). The route itself checks the one that applies, with `hasScope`.
 */
export const AnyOfScopes = (...scopes: Scope[]) => SetMetadata(ANY_OF_SCOPES, scopes);

/** Whether the caller holds `scope` (or `admin`, which grants every tenant scope). */
export function hasScope(auth: AuthContext, scope: Scope): boolean {
  return auth.scopes.includes('admin') || auth.scopes.includes(scope);
}

/** Only an API key holding `platform:admin` passes; a tenant's `admin` gets 403. */
export const PlatformAdmin = () => SetMetadata(PLATFORM_ADMIN_ROUTE, true);

/** Whether this caller may operate the platform: an API key (never a token) with the platform scope. */
export function isPlatformAdmin(auth: AuthContext): boolean {
  return auth.principalType === 'api_key' && auth.scopes.includes(PLATFORM_ADMIN_SCOPE);
}

/** The caller's AuthContext, in a controller method. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('@Auth() used on a route the auth guard did not authenticate');
  return auth;
});
