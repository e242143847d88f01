import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const SCOPES = ['chat:read', 'chat:write', 'documents:read', 'documents:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: set by the guard on every authenticated request. */
export interface AuthContext {
  tenantId: string;
  principalType: 'api_key' | 'jwt';
  /** The api key's id, or the token's subject. */
  principalId: string;
  scopes: readonly string[];
  /** This principal's requests per rate-limit window; null: the platform default. */
  rateLimit: number | null;
}

export interface AuthenticatedRequest {
  auth?: AuthContext;
  headers: Record<string, string | string[] | undefined>;
}

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_SCOPES = 'auth:scopes';

/** Opens a route to anyone (probes, docs). Everything else is denied without credentials. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Every listed scope is required; `admin` grants all of them. */
export const Scopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** The caller's AuthContext, in a controller method. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('@Auth() used on a route the auth guard did not authenticate');
  return auth;
});
