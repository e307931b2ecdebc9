import { deepEqual, ok } from "node:assert/strict";
import { evaluate, formatEvaluation, readCases } from "../../tools/evaluate_sanitizer.ts";
import { generateCases } from "./generate_cases.ts";

const cases = await readCases(new URL("./labelled.jsonl", import.meta.url));

Deno.test("the labelled set is what the generator writes (reproducible, seed 20261124)", () => {
  deepEqual(cases, JSON.parse(JSON.stringify(generateCases(20261124))));
});

Deno.test("the labelled set covers every category and keep class of the policy", async () => {
  const { SENSITIVE_CATEGORIES } = await import("../../src/sanitizer/categories.ts");
  const seen = new Set(cases.flatMap((c) => c.spans.map((s) => s.category)));
  for (const category of SENSITIVE_CATEGORIES) ok(seen.has(category), `no case for ${category}`);
  const kept = new Set(cases.flatMap((c) => c.keep.map((k) => k.category)));
  for (
    const keepClass of [
      "git_sha",
      "digest",
      "integrity_hash",
      "key_fingerprint",
      "container_id",
      "uuid",
      "version",
      "dotted_quad_version",
      "docker_image",
      "port_mapping",
      "loopback",
      "well_known_ip",
      "netmask",
      "mac_broadcast",
      "public_host",
      "generic_path",
      "default_account_path",
      "service_account",
      "placeholder",
      "nonsecret_env",
      "base64_data",
      "number",
      "time_date",
      "git_remote",
      "package_spec",
      "flag",
    ]
  ) ok(kept.has(keepClass), `no case for keep class ${keepClass}`);
});

Deno.test("core recall and keep rate are at least 99 % overall and per category", () => {
  const evaluation = evaluate(cases);
  const report = formatEvaluation(evaluation, true);
  ok(evaluation.coreRecall >= 0.99, report);
  ok(evaluation.keepRate >= 0.99, report);
  ok(evaluation.tokensPreserved >= 0.99, report);
  for (const [category, tally] of [...evaluation.recall, ...evaluation.keep]) {
    if (category === "username" || category === "person_name") continue;
    ok(tally.hit / tally.total >= 0.9, `${category} below 90 %\n${report}`);
  }
});
