import './telemetry';
import { runApp } from '@copilot/platform';
import { SchedulerModule } from './scheduler.module';
import { loadSchedulerSettings } from './scheduler.settings';

runApp(loadSchedulerSettings, (settings) => SchedulerModule.forRoot(settings));
