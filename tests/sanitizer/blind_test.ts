/**
 * Regression test on the blind sets (lines written from SANITIZER_POLICY.md by
 * someone who had not read the rules): each set goes through the real
 * `caro sanitize --jsonl`, the format the sanitizer is judged in, and must
 * keep core recall and keep rate at or above 99 %.
 */
import { equal, ok } from "node:assert/strict";
import { runCaro } from "../_support/run_caro.ts";
import {
  evaluate,
  formatEvaluation,
  LABELLED_SETS,
  readCases,
} from "../../tools/evaluate_sanitizer.ts";

for (const set of LABELLED_SETS.filter((s) => s.name.startsWith("blind"))) {
  Deno.test(`${set.name}: core recall and keep rate ≥ 99 % through caro sanitize --jsonl`, async () => {
    const cases = await readCases(set.file);
    const input = cases.map(({ id, text }) => JSON.stringify({ id, text })).join("\n") + "\n";
    const run = await runCaro(["sanitize", "--jsonl"], { stdin: input, permissions: [] });
    equal(run.code, 0, run.stderr);
    const outputs = new Map<string, string>();
    for (const line of run.stdout.split("\n").filter((l) => l !== "")) {
      const { id, output } = JSON.parse(line) as { id: string; output: string };
      outputs.set(id, output);
    }
    equal(outputs.size, cases.length);
    const evaluation = evaluate(cases, (item) => outputs.get(item.id) ?? item.text);
    const report = formatEvaluation(evaluation, true);
    ok(evaluation.coreRecall >= 0.99, report);
    ok(evaluation.keepRate >= 0.99, report);
  });
}
