import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../../src/platforms/core/keyed-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keyed queue', () => {
  it('one key in order, keys in parallel; drain waits for all', async () => {
    const q = createKeyedQueue();
    const log: string[] = [];
    const task = (key: string, n: number, ms: number) =>
      q.run(key, async () => {
        await sleep(ms);
        log.push(`${key}${n}`);
      });
    void task('a', 1, 40);
    void task('a', 2, 1);
    void task('b', 1, 5);
    expect(q.size()).toBe(3);
    expect(await q.drain(1000)).toBe(true);
    expect(log).toEqual(['b1', 'a1', 'a2']);
    expect(q.size()).toBe(0);
  });

  it('a failing task does not block its key; drain gives up after its timeout', async () => {
    const q = createKeyedQueue();
    await expect(q.run('a', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(q.run('a', async () => 2)).resolves.toBe(2);
    void q.run('slow', () => sleep(200));
    expect(await q.drain(20)).toBe(false);
    expect(await q.drain()).toBe(true);
  });
});
