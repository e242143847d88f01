import { Controller, Get } from '@nestjs/common';
import { PlatformAdmin } from '@copilot/auth';
import { MaintenanceSchedules } from '@copilot/maintenance';

/** Every recurring task with its interval, next run and last outcome. */
@Controller('admin/schedules')
@PlatformAdmin()
export class AdminSchedulesController {
  constructor(private readonly schedules: MaintenanceSchedules) {}

  @Get()
  async list() {
    return { data: await this.schedules.list() };
  }
}
