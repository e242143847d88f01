import 'reflect-metadata';
import { SettingsError } from '@copilot/config';
import { createFastifyApp, listen } from '@copilot/observability';
import { SchedulerModule } from './scheduler.module';
import { loadSchedulerSettings } from './scheduler.settings';

async function main(): Promise<void> {
  const settings = loadSchedulerSettings();
  const app = await createFastifyApp(SchedulerModule.forRoot(settings));
  await listen(app, settings.http.port, settings.http.host, settings.core.shutdownTimeoutMs);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof SettingsError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
