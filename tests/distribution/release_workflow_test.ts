import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import { bakedPermissionFlags, COMPILE_TARGETS } from "../../src/cli/permissions.ts";
import { compileArgs } from "../../tools/compile.ts";
import {
  RELEASE_WORKFLOW_PATH,
  releaseWorkflow,
  releaseWorkflowText,
} from "../../tools/release_workflow.ts";
import { ROOT } from "./bundle.ts";
import { parseYamlSubset } from "./yaml_subset.ts";

const text = await Deno.readTextFile(join(ROOT, RELEASE_WORKFLOW_PATH));
const tasks = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).tasks as Record<
  string,
  string
>;
// deno-lint-ignore no-explicit-any
const workflow = parseYamlSubset(text) as any;

Deno.test("release.yml is what tools/release_workflow.ts generates (no drift)", () => {
  equal(text, releaseWorkflowText());
});

Deno.test("release.yml parses, and says what the generator's model says", () => {
  deepEqual(workflow, releaseWorkflow());
  deepEqual(workflow.on, { push: { tags: ["v*"] } });
});

Deno.test("the release matrix is the five compile targets, each built by its compile task", () => {
  const matrix = workflow.jobs.build.strategy.matrix.include;
  deepEqual(
    matrix.map((m: Record<string, string>) => [m.name, m.target, m.runner]),
    COMPILE_TARGETS.map((t) => [t.name, t.triple, t.runner]),
  );
  const compileStep = workflow.jobs.build.steps.find((s: Record<string, string>) =>
    s.run?.includes("task compile:")
  );
  equal(compileStep.run, "npx -y deno@2.9.6 task compile:${{ matrix.name }}");
  for (const target of COMPILE_TARGETS) {
    const task = tasks[`compile:${target.name}`];
    ok(task, `deno.json has compile:${target.name}`);
    ok(task.startsWith("deno task bundle && "), task);
    ok(task.endsWith(` tools/compile.ts ${target.name}`), task);
    const args = compileArgs(target, "dist");
    for (const flag of bakedPermissionFlags(target)) ok(args.includes(flag), flag);
    equal(args[args.indexOf("--target") + 1], target.triple);
  }
  ok(tasks.compile.endsWith(" tools/compile.ts all"));
});

Deno.test("the smoke test runs --version and doctor --json; publish ships checksums", () => {
  const smoke = workflow.jobs.build.steps.find((s: Record<string, string>) =>
    s.name === "Smoke test"
  );
  ok(smoke.run.includes("--version\n"));
  ok(smoke.run.includes("doctor --json"));
  const publish = workflow.jobs.publish.steps.map((s: Record<string, string>) => s.run ?? "")
    .join("\n");
  ok(publish.includes("sha256sum caro-* > SHA256SUMS"));
  ok(publish.includes("dist/SHA256SUMS"));
});

Deno.test("the YAML subset parser refuses what it does not understand", () => {
  throws(() => parseYamlSubset("a: &anchor b\n"), /line 1: scalar outside the subset/);
  throws(() => parseYamlSubset("a: b\na: c\n"), /line 2: duplicate key "a"/);
  throws(() => parseYamlSubset("a:\n"), /line 1: "a" has no value/);
});
