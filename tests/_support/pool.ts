/**
 * Runs independent jobs a few at a time: enough child processes to keep a
 * small machine's cores busy, not so many that they only take turns (each
 * `deno` child is a V8 isolate; dozens at once cost more CPU, not less time).
 *
 * @module
 */

/**
 * How many child processes a test runs at once by default: 3 on the usual
 * 2-core machine (one more than the cores, for the moments a child waits on
 * I/O), never fewer than 2.
 */
export const CHILD_CONCURRENCY: number = Math.max(2, navigator.hardwareConcurrency + 1);

/**
 * `work(item)` for every item, at most `limit` at once; the results in the
 * items' order. After a job fails no new one starts; the ones running are
 * waited for (no child outlives the test), then the first failure is thrown.
 *
 * @example At most two at once, results in order
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapPool } from "./pool.ts";
 * let running = 0;
 * let most = 0;
 * const doubled = await mapPool([1, 2, 3, 4, 5], 2, async (n) => {
 *   most = Math.max(most, ++running);
 *   await new Promise((resolve) => setTimeout(resolve, 5));
 *   running--;
 *   return 2 * n;
 * });
 * assert.deepEqual(doubled, [2, 4, 6, 8, 10]);
 * assert.equal(most, 2);
 * ```
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index], index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  return results;
}
