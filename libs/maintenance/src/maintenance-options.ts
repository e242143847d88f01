import type { MaintenanceSettings } from '@copilot/config';

export const MAINTENANCE_OPTIONS = Symbol('MAINTENANCE_OPTIONS');

export interface MaintenanceOptions {
  maintenance: MaintenanceSettings;
  /** The outbox relay's interval: it runs in the scheduler, and is listed as a schedule too. */
  outboxIntervalMs: number;
}
