import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JobCancellation } from './events/job-cancellation';
import { JobEventHub } from './events/job-event-hub';
import { EVENT_STREAM_OPTIONS, type EventStreamSettings, JobEventWriter } from './events/job-event-writer';
import { OUTBOX_OPTIONS, type OutboxSettings, OutboxRelay } from './outbox/outbox-relay';
import { JobDispatcher } from './producer/job-dispatcher';
import { JobProducer } from './producer/job-producer';
import { JobRunner } from './lifecycle/job-runner';
import { HEARTBEAT_OPTIONS, type HeartbeatSettings, JobHeartbeat } from './worker/job-heartbeat';

export interface QueuesOptions {
  stream: EventStreamSettings;
  outbox: OutboxSettings;
  heartbeat: HeartbeatSettings;
}

/** Everything is lazy: an app opens only the Redis connections of what it uses (RedisModule's). */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(options: QueuesOptions): DynamicModule {
    const providers = [
      JobProducer,
      JobDispatcher,
      JobEventWriter,
      JobEventHub,
      JobCancellation,
      OutboxRelay,
      JobHeartbeat,
      JobRunner,
    ];
    return {
      module: QueuesModule,
      providers: [
        { provide: EVENT_STREAM_OPTIONS, useValue: options.stream },
        { provide: OUTBOX_OPTIONS, useValue: options.outbox },
        { provide: HEARTBEAT_OPTIONS, useValue: options.heartbeat },
        ...providers,
      ],
      exports: [EVENT_STREAM_OPTIONS, ...providers],
    };
  }
}
