import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { ANY_OF_SCOPES, PLATFORM_ADMIN_ROUTE, PUBLIC_ROUTE, REQUIRED_SCOPES } from '@copilot/auth';

type Handler = (...args: never[]) => unknown;

/** Who may call one route, as the global guards read it from the route's metadata. */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'platform-admin' }
  /** `anyOf`: one of `scopes` is enough (@AnyOfScopes); otherwise every one is needed (@Scopes). */
  | { kind: 'tenant'; scopes: string[]; anyOf?: true };

/**
 * The access rule of every documented operation, by operationId: read from the same
 * metadata (@Public, @Scopes, @PlatformAdmin on the method or its controller) the
 * AuthGuard and RateLimitGuard read, so the document cannot claim other security than
 * the guards enforce.
 */
export function routeAccessByOperationId(app: INestApplication): Map<string, RouteAccess> {
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      for (const method of methodsOf(metatype.prototype as object)) {
        const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, method) as { operationId?: string } | undefined;
        if (operation?.operationId) access.set(operation.operationId, accessOf([method, metatype]));
      }
    }
  }
  return access;
}

function accessOf(targets: object[]): RouteAccess {
  // Method metadata wins over the controller's, as Reflector.getAllAndOverride does in the guards.
  const read = <T>(key: string) =>
    targets.map((target) => Reflect.getMetadata(key, target) as T | undefined).find((value) => value !== undefined);
  if (read<boolean>(PUBLIC_ROUTE)) return { kind: 'public' };
  if (read<boolean>(PLATFORM_ADMIN_ROUTE)) return { kind: 'platform-admin' };
  const anyOf = read<string[]>(ANY_OF_SCOPES);
  if (anyOf) return { kind: 'tenant', scopes: anyOf, anyOf: true };
  return { kind: 'tenant', scopes: read<string[]>(REQUIRED_SCOPES) ?? [] };
}

/** The route handlers of a controller, its base classes' included (the metrics controller inherits its handler). */
function methodsOf(prototype: object): Handler[] {
  const methods = new Set<Handler>();
  for (let proto = prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (name !== 'constructor' && typeof value === 'function') methods.add(value as Handler);
    }
  }
  return [...methods];
}
