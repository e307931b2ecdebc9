/**
 * The durations `deno test` prints after each test (`… ok (1m43s)`, `(37s)`,
 * `(512ms)`), read from its output as it streams, so the test runner can name
 * the slowest tests at the end, and each test file's total, kept between
 * runs so that the next run starts the slowest files first.
 *
 * @module
 */
import { dirname } from "node:path";

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
   * Each test file's time: the sum of its tests' durations (a step's time is
   * in its test's already: `file => test ... step` lines are not added).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { TestTimings } from "./test_timings.ts";
   * const timings = new TestTimings();
   * timings.read("./a_test.ts => one ... ok (2s)\n./a_test.ts => two ... ok (500ms)\n");
   * timings.read("./b_test.ts => steps ... sqlite ... ok (1s)\n./b_test.ts => steps ... ok (1s)\n");
   * assert.deepEqual(timings.perFile(), { "./a_test.ts": 2500, "./b_test.ts": 1000 });
   * ```
   */
  perFile(): Record<string, number> {
    const files: Record<string, number> = {};
    for (const { name, ms } of this.#durations) {
      const [file, test] = name.split(" => ", 2);
      if (test.includes(" ... ")) continue;
      files[file] = (files[file] ?? 0) + ms;
    }
    return files;
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

/**
 * Test files slowest first by `durations` (ms per file, as
 * {@link TestTimings.perFile} gives them), only those `exists` says are still
 * there; files without a duration are left for `deno test` to find.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slowestFirst } from "./test_timings.ts";
 * const durations = { "./a_test.ts": 20, "./b_test.ts": 9000, "./gone_test.ts": 50000 };
 * assert.deepEqual(
 *   slowestFirst(durations, (file) => file !== "./gone_test.ts"),
 *   ["./b_test.ts", "./a_test.ts"],
 * );
 * ```
 */
export function slowestFirst(
  durations: Record<string, number>,
  exists: (file: string) => boolean,
): string[] {
  return Object.entries(durations)
    .filter(([file, ms]) => Number.isFinite(ms) && exists(file))
    .sort(([, a], [, b]) => b - a)
    .map(([file]) => file);
}

/**
 * The per-file durations kept at `path` by {@link saveDurations}; `{}` when
 * there are none yet or the file is not what was written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadDurations } from "./test_timings.ts";
 * assert.deepEqual(await loadDurations("/nonexistent/durations.json"), {});
 * ```
 */
export async function loadDurations(path: string): Promise<Record<string, number>> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(path));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, number] =>
        typeof entry[1] === "number"
      ),
    );
  } catch {
    return {};
  }
}

/**
 * Keeps `durations` at `path` (its directory made as needed) over what was
 * kept: a file this run did not time keeps its last duration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadDurations, saveDurations } from "./test_timings.ts";
 * const path = `${await Deno.makeTempDir()}/cache/durations.json`;
 * await saveDurations(path, { "./a_test.ts": 10, "./b_test.ts": 20 });
 * await saveDurations(path, { "./a_test.ts": 30 });
 * assert.deepEqual(await loadDurations(path), { "./a_test.ts": 30, "./b_test.ts": 20 });
 * ```
 */
export async function saveDurations(
  path: string,
  durations: Record<string, number>,
): Promise<void> {
  const kept = { ...(await loadDurations(path)), ...durations };
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, `${JSON.stringify(kept, null, 1)}\n`);
}
