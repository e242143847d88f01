import { Controller, Get, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const BUILD_INFO = Symbol('BUILD_INFO');

/** A dependency that must answer before the app takes traffic. */
export interface ReadinessCheck {
  name: string;
  ping(): Promise<void>;
}

/** Checks an app adds once it is running (e.g. the worker's queue consumers), besides the static ones. */
@Injectable()
export class ReadinessRegistry {
  readonly checks: ReadinessCheck[] = [];

  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }
}

export interface BuildInfo {
  service: string;
  version: string;
  gitSha: string;
  buildDate: string;
}

// Same metadata key as the auth lib's @Public(): probes stay open behind the global guard.
const Public = () => SetMetadata('auth:public', true);

@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(BUILD_INFO) private readonly build: BuildInfo,
    private readonly registry: ReadinessRegistry,
  ) {}

  /** Liveness: the process answers. Never checks dependencies (a db outage must not restart pods). */
  @Get('health')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: 503 until every dependency answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      [...this.checks, ...this.registry.checks].map(
        (check) => () =>
          this.indicators
            .check(check.name)
            .attempt(() => check.ping())
            .withTimeout(2_000),
      ),
    );
  }

  @Get('version')
  version(): BuildInfo {
    return this.build;
  }
}
