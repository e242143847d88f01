/**
 * Private Postgres and Redis servers for the chaos run, started from the machine's
 * own binaries on free loopback ports, so that stopping and starting them never
 * touches the shared servers on 5432/6379 that other runs depend on.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@copilot/testing';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

/** initdb refuses to run as root: then the cluster belongs to the `postgres` OS user. */
function asClusterOwner(command: string, args: string[]): string[] {
  return isRoot ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
}

function run(argv: string[]): void {
  execFileSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PrivatePostgres {
  readonly dir: string;
  private running = false;

  private constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'copilot-chaos-pg-'));
    if (isRoot) chownSync(this.dir, uidOf('postgres'), gidOf('postgres'));
  }

  /** A fresh cluster with the project's roles, database and the vector extension. */
  static async create(): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(await freePort());
    try {
      run(
        asClusterOwner(`${PG_BIN}/initdb`, [
          '-D',
          pg.dataDir,
          '-A',
          'trust',
          '-U',
          'postgres',
          '-E',
          'UTF8',
          '--no-sync',
        ]),
      );
      pg.start();
      await pg.setUpRoles();
    } catch (error) {
      pg.destroy();
      throw error;
    }
    return pg;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  get adminUrl(): string {
    return `postgresql://copilot_owner:copilot_owner@127.0.0.1:${this.port}/copilot`;
  }

  get appUrl(): string {
    return `postgresql://copilot_app:copilot_app@127.0.0.1:${this.port}/copilot`;
  }

  start(): void {
    // fsync off: a chaos run restarts the server cleanly; it never needs crash durability of the OS.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    run(
      asClusterOwner(`${PG_BIN}/pg_ctl`, [
        '-D',
        this.dataDir,
        '-l',
        join(this.dir, 'log'),
        '-w',
        '-o',
        options,
        'start',
      ]),
    );
    this.running = true;
  }

  /** Fast shutdown: open sessions are ended, as in a managed database's restart. */
  stop(): void {
    run(asClusterOwner(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']));
    this.running = false;
  }

  /** Synchronous, so it also works from an `exit` handler. */
  destroy(): void {
    if (this.running) {
      try {
        run(asClusterOwner(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']));
      } catch {
        // already gone
      }
      this.running = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  // The same roles as scripts/services.sh and deploy/postgres/init create.
  private async setUpRoles(): Promise<void> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      await client.query(`create role copilot_owner login superuser password 'copilot_owner'`);
      await client.query(
        `create role copilot_app login nosuperuser nobypassrls nocreatedb nocreaterole password 'copilot_app'`,
      );
      await client.query('create database copilot owner copilot_owner');
    } finally {
      await client.end();
    }
    const db = new Client({ connectionString: this.adminUrl });
    await db.connect();
    try {
      await db.query('create extension if not exists vector');
    } finally {
      await db.end();
    }
  }
}

export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async create(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Like the machine's Redis: no persistence at all, so a restart loses every key (the harsh case). */
  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (this.ping()) return;
      await sleep(100);
    }
    throw new Error(`redis-server on ${this.port} did not answer`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  destroy(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private ping(): boolean {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'pipe' })
          .toString()
          .trim() === 'PONG'
      );
    } catch {
      return false;
    }
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
