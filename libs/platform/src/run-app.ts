import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type PlatformSettings, SettingsError } from '@copilot/config';
import { createFastifyApp, type HttpServerOptions, listen } from '@copilot/observability';

/**
 * The whole of an app's main.ts: load settings (exit 1 listing every problem),
 * build the root module, listen, and close gracefully on SIGTERM/SIGINT.
 */
export function runApp<S extends PlatformSettings & { http: { port: number; host: string } }>(
  loadSettings: () => S,
  rootModule: (settings: S) => DynamicModule,
  configure: (app: NestFastifyApplication, settings: S) => Promise<void> | void = () => undefined,
  options: (settings: S) => HttpServerOptions = () => ({}),
): void {
  const start = async () => {
    const settings = loadSettings();
    const app = await createFastifyApp(rootModule(settings), options(settings));
    await configure(app, settings);
    await listen(app, settings.http.port, settings.http.host, settings.core.shutdownTimeoutMs);
  };
  start().catch((error: unknown) => {
    // Settings problems are listed one per line; nothing else has a logger yet.
    process.stderr.write(
      `${error instanceof SettingsError ? error.message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(1);
  });
}
