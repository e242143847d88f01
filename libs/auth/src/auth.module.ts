import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeyUsage } from './api-keys/api-key-usage';
import { AuthGuard } from './auth.guard';
import { JWT_OPTIONS, JwtVerifier, type JwtSettings } from './jwt';
import { RATE_LIMIT_OPTIONS, RateLimiter, type RateLimitSettings } from './rate-limit/rate-limiter';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';

/**
 * Installs, in this order, the deny-by-default authentication guard and the rate
 * limit guard on every route of the app that imports it.
 */
@Module({})
export class AuthModule {
  static forRoot(options: { jwt: JwtSettings; rateLimit: RateLimitSettings }): DynamicModule {
    // AuthGuard is exported too: the queue dashboard (a plain Fastify plugin) authenticates with it.
    const services = [ApiKeyService, ApiKeyUsage, JwtVerifier, RateLimiter, AuthGuard];
    return {
      module: AuthModule,
      providers: [
        { provide: JWT_OPTIONS, useValue: options.jwt },
        { provide: RATE_LIMIT_OPTIONS, useValue: options.rateLimit },
        ...services,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: services,
    };
  }
}
