import { Logger } from '@nestjs/common';

/**
 * Runs `work` now and then every `intervalMs` after the previous run ended, so a
 * slow run never overlaps the next; `stop()` waits for the run in progress.
 */
export class RepeatingTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.work()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, `${this.name} failed`))
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
  }
}
