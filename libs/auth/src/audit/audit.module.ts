import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';

/** The audit trail, for any module that changes something worth auditing. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
