import { TokenBatcher } from './token-batcher';

describe(TokenBatcher.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the first token at once and coalesces the rest per interval', async () => {
    const writes: string[] = [];
    const batcher = new TokenBatcher(async (text) => writes.push(text), 50);
    batcher.push('Hello');
    await Promise.resolve();
    expect(writes).toEqual(['Hello']);
    batcher.push(' wide');
    batcher.push(' world');
    expect(writes).toEqual(['Hello']);
    await jest.advanceTimersByTimeAsync(50);
    expect(writes).toEqual(['Hello', ' wide world']);
    batcher.push('!');
    await batcher.close();
    expect(writes).toEqual(['Hello', ' wide world', '!']);
  });

  it('keeps order when a write is slow and reports a failed write on close', async () => {
    jest.useRealTimers();
    const writes: string[] = [];
    let calls = 0;
    const batcher = new TokenBatcher(async (text) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, calls === 1 ? 30 : 0));
      if (text === 'boom') throw new Error('redis down');
      writes.push(text);
    }, 1);
    batcher.push('a');
    batcher.push('b');
    await new Promise((resolve) => setTimeout(resolve, 5));
    batcher.push('boom');
    await expect(batcher.close()).rejects.toThrow('redis down');
    expect(writes).toEqual(['a', 'b']);
  });
});
