/**
 * Runs a {@link FuzzTarget} for `count` inputs from `seed`. Input `i` comes
 * from its own random stream (seed and index), so a finding names what
 * replays it. Each failing input is shrunk (chunks removed while the same
 * failure remains) and saved as `tests/fuzz/corpus/<target>/<sha256>.bin`,
 * where `tests/fuzz/regressions_test.ts` replays it on every test run.
 *
 * @module
 */
import { join } from "node:path";
import { seededRandom } from "../chaos/seeded_random.ts";
import type { FuzzTarget } from "./fuzz_target.ts";

/** One failing input. */
export interface FuzzFinding {
  /** Index of the input in the run. */
  index: number;
  message: string;
  input: Uint8Array;
  /** Where it was saved, when a corpus directory was given. */
  savedAs?: string;
  /** A corpus file that already fails the same way (then nothing new is saved). */
  knownAs?: string;
}

/** Options for {@link runFuzz}. */
export interface RunFuzzOptions {
  seed: number;
  count: number;
  /** Where to save findings (`tests/fuzz/corpus/<target>`); nothing saved when absent. */
  corpusDir?: string;
  /** At most this many findings per distinct message are kept. Default 3. */
  perMessage?: number;
}

/**
 * Replays the corpus files in `corpusDir` and returns the kinds of failure
 * they still show, each with its file: a new finding of one of these kinds is
 * a known bug, not a new one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { knownFailures } from "./run_fuzz.ts";
 * const target = { name: "demo", generate: () => new Uint8Array(), check: () => Promise.resolve(undefined) };
 * assert((await knownFailures(target, "/nowhere")).size === 0);
 * ```
 */
export async function knownFailures(
  target: FuzzTarget,
  corpusDir: string,
): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  try {
    for await (const item of Deno.readDir(corpusDir)) {
      if (!item.isFile) continue;
      const message = await target.check(await Deno.readFile(join(corpusDir, item.name)));
      if (message !== undefined) known.set(kindOf(message), join(corpusDir, item.name));
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return known;
}

/** What {@link runFuzz} did. */
export interface FuzzSummary {
  target: string;
  seed: number;
  inputs: number;
  findings: FuzzFinding[];
}

/**
 * Fuzzes one target.
 *
 * @example A target that fails on one byte
 * ```ts
 * import assert from "node:assert/strict";
 * import { runFuzz } from "./run_fuzz.ts";
 * const target = {
 *   name: "demo",
 *   generate: (r: { int(a: number, b: number): number }) => Uint8Array.of(r.int(0, 3)),
 *   check: (input: Uint8Array) => Promise.resolve(input[0] === 3 ? "three" : undefined),
 * };
 * const summary = await runFuzz(target, { seed: 1, count: 50 });
 * assert(summary.findings.length > 0 && summary.findings[0].message === "three");
 * ```
 */
export async function runFuzz(target: FuzzTarget, options: RunFuzzOptions): Promise<FuzzSummary> {
  const perMessage = options.perMessage ?? 3;
  const seen = new Map<string, number>();
  const known = options.corpusDir
    ? await knownFailures(target, options.corpusDir)
    : new Map<string, string>();
  const findings: FuzzFinding[] = [];
  for (let index = 0; index < options.count; index++) {
    const input = await target.generate(seededRandom(mixSeed(options.seed, index)));
    const message = await target.check(input);
    if (message === undefined) continue;
    const kind = kindOf(message);
    const times = seen.get(kind) ?? 0;
    seen.set(kind, times + 1);
    if (times >= perMessage) continue;
    if (known.has(kind)) {
      if (times === 0) findings.push({ index, message, input, knownAs: known.get(kind) });
      continue;
    }
    const small = await shrink(input, message, target);
    if (findings.some((f) => f.input.join() === small.join())) continue;
    const finding: FuzzFinding = { index, message, input: small };
    if (options.corpusDir) finding.savedAs = await saveFinding(options.corpusDir, small);
    findings.push(finding);
  }
  return { target: target.name, seed: options.seed, inputs: options.count, findings };
}

/**
 * Mixes a run seed and an input index into one 32-bit seed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mixSeed } from "./run_fuzz.ts";
 * assert(mixSeed(1, 0) !== mixSeed(1, 1) && mixSeed(1, 0) === mixSeed(1, 0));
 * ```
 */
export function mixSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ index;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A finding's message without its quoted values, numbers and parenthesised
 * details: the kind of failure.
 */
function kindOf(message: string): string {
  return message.replace(/"[^"]*"/g, '""').replace(/ \([^)]*\)/g, "").replace(/\d+/g, "N");
}

/** Removes chunks while the failure stays of the same kind; bounded effort. */
async function shrink(input: Uint8Array, message: string, target: FuzzTarget): Promise<Uint8Array> {
  const kind = kindOf(message);
  let best = input;
  let budget = 200;
  for (let chunk = Math.floor(best.length / 2); chunk >= 1 && budget > 0; chunk >>= 1) {
    for (let at = 0; at + chunk <= best.length && budget > 0;) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      budget--;
      const again = await target.check(candidate);
      if (again !== undefined && kindOf(again) === kind) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

async function saveFinding(dir: string, input: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input as BufferSource));
  const name = Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.bin`);
  await Deno.writeFile(path, input);
  return path;
}
