import { Controller, Get } from '@nestjs/common';
import { PlatformAdmin } from '@copilot/auth';
import { MaintenanceSchedules } from '@copilot/maintenance';
import { ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiRoute } from '../openapi/api-docs.decorators';
import { ScheduleList } from '../openapi/admin.responses';

/** Every recurring task with its interval, next run and last outcome. */
@ApiTags('Platform administration')
@Controller('admin/schedules')
@PlatformAdmin()
export class AdminSchedulesController {
  constructor(private readonly schedules: MaintenanceSchedules) {}

  @Get()
  @ApiRoute('adminListSchedules', 'List the recurring tasks: interval, next run, last outcome')
  @ApiJson(200, ScheduleList, 'Every recurring task.')
  async list() {
    return { data: await this.schedules.list() };
  }
}
