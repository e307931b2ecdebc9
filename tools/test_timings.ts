/**
 * The durations `deno test` prints after each test (`… ok (1m43s)`, `(37s)`,
 * `(512ms)`), read from its output as it streams, so the test runner can name
 * the slowest tests at the end.
 *
 * @module
 */

const RESULT =
  /^(.*?) \.\.\. (?:ok|FAILED|ignored) \((?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?(?:(\d+(?:\.\d+)?)µs)?\)$/;

/** Collects per-test durations from `deno test` output (without colour codes). */
export class TestTimings {
  #pending = "";
  #durations: { name: string; ms: number }[] = [];

  /**
   * Reads a chunk of output; lines may be split across chunks.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { TestTimings } from "./test_timings.ts";
   * const timings = new TestTimings();
   * timings.read("./a_test.ts => slow one ... ok (1m2s)\n./b_test.ts => quick ... o");
   * timings.read("k (12ms)\n");
   * assert.deepEqual(timings.slowest(1), ["62.0 s  ./a_test.ts => slow one"]);
   * ```
   */
  read(chunk: string): void {
    const lines = (this.#pending + chunk).split("\n");
    this.#pending = lines.pop() ?? "";
    for (const line of lines) {
      const match = RESULT.exec(line.trim());
      if (!match || !match[1].includes(" => ")) continue;
      const [, name, min, sec, ms, us] = match;
      const total = Number(min ?? 0) * 60_000 + Number(sec ?? 0) * 1000 + Number(ms ?? 0) +
        Number(us ?? 0) / 1000;
      this.#durations.push({ name, ms: total });
    }
  }

  /**
   * The `count` slowest tests, slowest first, as `12.3 s  name` lines.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { TestTimings } from "./test_timings.ts";
   * assert.deepEqual(new TestTimings().slowest(10), []);
   * ```
   */
  slowest(count: number): string[] {
    return [...this.#durations].sort((a, b) => b.ms - a.ms).slice(0, count)
      .map(({ name, ms }) => `${(ms / 1000).toFixed(1)} s  ${name}`);
  }
}
