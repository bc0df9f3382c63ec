import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

/** A write whose completion the test controls. */
function controlledWrites() {
  const batches: number[][] = [];
  const finish: Array<(err?: Error) => void> = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      finish.push((err) => (err ? reject(err) : resolve()));
    });
  return { batches, finish, write };
}

describe('group commit', () => {
  it('writes the first item at once and groups those that arrive meanwhile', async () => {
    const { batches, finish, write } = controlledWrites();
    const batcher = new Batcher(write, { maxBatch: 100, concurrency: 1 });
    const first = batcher.add(1);
    const rest = [2, 3, 4].map((n) => batcher.add(n));
    expect(batches).toEqual([[1]]);
    finish[0]();
    await first;
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]();
    await Promise.all(rest);
    await batcher.drained();
  });

  it('caps a batch and runs up to `concurrency` writes side by side', () => {
    const { batches, write } = controlledWrites();
    const batcher = new Batcher(write, { maxBatch: 2, concurrency: 2 });
    for (const n of [1, 2, 3, 4, 5]) void batcher.add(n).catch(() => {});
    expect(batches).toEqual([[1], [2]]);
  });

  it('fails exactly the items of a failed write', async () => {
    const { finish, write } = controlledWrites();
    const batcher = new Batcher(write, { maxBatch: 10, concurrency: 1 });
    const a = batcher.add(1);
    const b = batcher.add(2);
    finish[0](new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    finish[1]();
    await expect(b).resolves.toBeUndefined();
  });
});
