import 'reflect-metadata';
import { SettingsError } from '@copilot/config';
import { createFastifyApp, listen } from '@copilot/observability';
import { loadApiSettings } from './api.settings';
import { AppModule } from './app.module';
import { configureApi } from './configure-api';

async function main(): Promise<void> {
  const settings = loadApiSettings();
  const app = await createFastifyApp(AppModule.forRoot(settings));
  configureApi(app);
  await listen(app, settings.http.port, settings.http.host, settings.core.shutdownTimeoutMs);
}

main().catch((error: unknown) => {
  // Settings problems are listed one per line; nothing else has a logger yet.
  process.stderr.write(`${error instanceof SettingsError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
