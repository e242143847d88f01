import { type DynamicModule, Module, type Provider, SetMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusController, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { BUILD_INFO, type BuildInfo, HealthController, ReadinessRegistry } from './health.controller';
import { type LoggingSettings, loggerParams } from './logger.options';

export interface ObservabilityOptions {
  logging: LoggingSettings;
  build: BuildInfo;
  /** Provides READINESS_CHECKS: the ReadinessCheck list /ready runs (e.g. database, redis). */
  readiness: Provider;
}

@SetMetadata('auth:public', true)
class PublicMetricsController extends PrometheusController {}

/** Logs (nestjs-pino), /metrics (Prometheus), /health, /ready and /version for any app. */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(options.logging)),
        PrometheusModule.register({ controller: PublicMetricsController, defaultMetrics: { enabled: true } }),
        TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
      ],
      controllers: [HealthController],
      providers: [{ provide: BUILD_INFO, useValue: options.build }, options.readiness, ReadinessRegistry],
      exports: [PrometheusModule, ReadinessRegistry],
    };
  }
}
