import './telemetry';
import { runApp } from '@copilot/platform';
import { WorkerModule } from './worker.module';
import { loadWorkerSettings } from './worker.settings';

runApp(loadWorkerSettings, (settings) => WorkerModule.forRoot(settings));
