/**
 * Coalesces streamed tokens: the first one is written at once (time to first token
 * is what users feel), the rest are gathered for `intervalMs` and written as one
 * event, so a reply costs a few dozen Redis writes instead of one per token.
 * Writes never overlap, so events keep the order of the tokens.
 */
export class TokenBatcher {
  private buffer = '';
  private first = true;
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private failure?: unknown;

  constructor(
    private readonly write: (text: string) => Promise<unknown>,
    private readonly intervalMs: number,
  ) {}

  push(text: string): void {
    if (this.failure) throw this.failure;
    this.buffer += text;
    if (this.first) {
      this.first = false;
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    }
  }

  /** Writes what is left and waits for every write; rethrows a failed write. */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        await this.write(text);
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
