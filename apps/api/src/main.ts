import './telemetry';
import { runApp } from '@copilot/platform';
import { loadApiSettings } from './api.settings';
import { AppModule } from './app.module';
import { configureApi } from './configure-api';

runApp(
  loadApiSettings,
  (settings) => AppModule.forRoot(settings),
  configureApi,
  (settings) => ({ bodyLimitBytes: settings.edge.bodyLimitBytes, trustProxy: settings.edge.trustProxy }),
);
