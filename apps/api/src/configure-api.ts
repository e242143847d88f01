import type { INestApplication } from '@nestjs/common';

/** Routing shared by main.ts and tests: REST under /v1, probes and metrics at the root. */
export function configureApi(app: INestApplication): void {
  app.setGlobalPrefix('v1', { exclude: ['health', 'ready', 'version', 'metrics'] });
}
