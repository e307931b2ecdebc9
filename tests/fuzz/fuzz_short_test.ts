/**
 * Short fuzz runs on every test run (a few seconds each, fixed seeds): no
 * finding allowed. The long runs are `deno task fuzz:<target> -- --seed S
 * --count N`; what they find lands in `tests/fuzz/corpus/` and is replayed by
 * `regressions_test.ts`.
 */
import { deepEqual } from "node:assert/strict";
import type { FuzzTarget } from "../../tools/fuzz/fuzz_target.ts";
import { runFuzz } from "../../tools/fuzz/run_fuzz.ts";
import { configTarget } from "../../tools/fuzz/targets/config_target.ts";
import { queueTarget } from "../../tools/fuzz/targets/queue_target.ts";
import { sanitizerTarget } from "../../tools/fuzz/targets/sanitizer_target.ts";
import { apiTargetOrSkip } from "./api_target_or_skip.ts";

async function noFindings(target: FuzzTarget, seed: number, count: number): Promise<void> {
  const summary = await runFuzz(target, { seed, count, perMessage: 1 });
  deepEqual(summary.findings.map((f) => `#${f.index}: ${f.message}`), []);
}

Deno.test("fuzz config: 3,000 inputs, parseConfig never throws and keeps only valid values", () =>
  noFindings(configTarget, 101, 3000));

Deno.test("fuzz queue: 300 queue files, never a crash, corrupt ones set aside, others kept", () =>
  noFindings(queueTarget, 102, 300));

// Deterministic: hostile runs must be sanitized without throwing, no planted
// secret may survive, and a second run over the output changes nothing. Linear
// time is timed only by `deno task fuzz:sanitizer` and bench/sanitizer_bench.ts,
// never asserted here.
Deno.test("fuzz sanitizer: 200 hostile inputs, no throw, no planted secret survives, idempotent", () =>
  noFindings(sanitizerTarget, 103, 200));

Deno.test("fuzz api: 1,000 requests against the real service, never a 5xx or a crash", async () => {
  const target = await apiTargetOrSkip();
  if (!target) return;
  try {
    await noFindings(target, 104, 1000);
  } finally {
    await target.close();
  }
});
