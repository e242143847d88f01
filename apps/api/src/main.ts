import './telemetry';
import { runApp } from '@copilot/platform';
import { loadApiSettings } from './api.settings';
import { AppModule } from './app.module';
import { apiServerOptions, configureApi } from './configure-api';

runApp(
  loadApiSettings,
  (settings) => AppModule.forRoot(settings),
  configureApi,
  (settings) => apiServerOptions(settings),
);
