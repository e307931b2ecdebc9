import { deepEqual, equal, ok } from "node:assert/strict";
import { type ClassifiableReport, classifyReport, ISSUE_CONFIDENCE } from "./classify.ts";

type Failure = ClassifiableReport["failure"];

function report(
  failure: Partial<Failure>,
  extra: Partial<ClassifiableReport> = {},
): ClassifiableReport {
  return {
    platform: { os: "linux", arch: "x86_64" },
    request: { intent_category: "file_management" },
    failure: {
      failure_type: "unknown",
      stage: "unknown",
      safety_patterns_triggered: [],
      ...failure,
    },
    ...extra,
  };
}

const TABLE: [string, ClassifiableReport, string, number][] = [
  [
    "blocked at validation, with shape",
    report({
      failure_type: "validation",
      stage: "validation",
      safety_patterns_triggered: ["rm-rf"],
    }, {
      request: { intent_category: "file_management", shape: "delete <PATH>" },
    }),
    "rule_gap",
    90,
  ],
  [
    "blocked at confirmation",
    report({ failure_type: "execution", stage: "confirmation", safety_patterns_triggered: ["dd"] }),
    "rule_gap",
    80,
  ],
  [
    "backend unreachable at model load",
    report({ failure_type: "generation", stage: "model_load" }, {
      backend: { type: "ollama", reachable: false },
    }),
    "backend_limitation",
    85,
  ],
  [
    "inference timeout",
    report({ failure_type: "timeout", stage: "inference" }),
    "backend_limitation",
    80,
  ],
  [
    "execution on windows in powershell, command not found",
    report({ failure_type: "execution", stage: "execution", error_code: "E_NOT_FOUND" }, {
      platform: { os: "windows", arch: "x86_64" },
      shell: { name: "powershell" },
    }),
    "platform_incompatibility",
    95,
  ],
  [
    "execution on linux",
    report({ failure_type: "execution", stage: "execution" }),
    "platform_incompatibility",
    65,
  ],
  [
    "generation failure at parsing",
    report({ failure_type: "generation", stage: "parsing" }),
    "nl_parsing",
    75,
  ],
  ["input stage", report({ failure_type: "unknown", stage: "input" }), "nl_parsing", 65],
  [
    "context stage with config keys",
    report({ failure_type: "unknown", stage: "context" }, {
      safety_context: { safety_level: "strict", config_keys: ["safety.level"] },
    }),
    "config_conflict",
    75,
  ],
  ["nothing known", report({}), "nl_parsing", 20],
];

for (const [name, input, category, confidence] of TABLE) {
  Deno.test(`classify: ${name} → ${category} ${confidence}`, () => {
    const c = classifyReport(input);
    equal(c.category, category);
    equal(c.confidence, confidence);
    ok(c.reasons.length > 0);
    ok(c.confidence >= 0 && c.confidence <= 100);
  });
}

Deno.test("classify: reasons explain the decision and never quote free text", () => {
  const c = classifyReport(
    report({
      failure_type: "validation",
      stage: "validation",
      safety_patterns_triggered: ["b", "a"],
    }, {
      request: { intent_category: "search", text: "rm -rf /home/alice/secret" },
    }),
  );
  deepEqual(c.reasons, [
    "safety rule a, b fired at stage validation",
    "the failure is a validation failure",
  ]);
  ok(c.confidence > ISSUE_CONFIDENCE);
});
