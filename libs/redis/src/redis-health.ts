import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from './redis-connections';
import { ensureConnected } from './redis-options';

/** Answers readiness probes: a PING over a connection that fails fast when Redis is away. */
@Injectable()
export class RedisHealth {
  private client?: Redis;

  constructor(private readonly connections: RedisConnections) {}

  async ping(): Promise<void> {
    this.client ??= this.connections.failFast('health');
    await (await ensureConnected(this.client)).ping();
  }
}
