/**
 * Every `@example` in the library code runs and its assertions hold: the
 * examples of mod.ts and of each module under src/ run as one generated test
 * module per kind (TS, TSX) in one `deno test` process
 * (tests/_support/doc_examples.ts), which loads the module graph once instead
 * of once per example. Type-checking of the examples is left to `deno check`
 * of the modules themselves: the strict `noUnusedLocals` would reject the
 * imports Deno adds to each extracted example.
 */
import assert from "node:assert/strict";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, relative } from "node:path";
import { DENO_DIR } from "./_support/run_caro.ts";
import { type DocExample, extractDocExamples, testModuleFor } from "./_support/doc_examples.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ROOT_URL = pathToFileURL(ROOT).href;

/** Modules that do work when imported (entry points): their examples are elsewhere. */
const ENTRY_POINTS = new Set([
  "src/service/main.ts",
  "src/service/store/sqlite/checkpoint_worker.ts",
]);

async function* libraryModules(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* libraryModules(path);
    else if (/\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)) {
      const name = relative(ROOT, path).replaceAll("\\", "/");
      if (!ENTRY_POINTS.has(name)) yield name;
    }
  }
}

/** Runs the examples in one `deno test` process; returns its exit code and output. */
async function runExamples(examples: DocExample[]): Promise<{ code: number; text: string }> {
  const dir = await Deno.makeTempDir({ prefix: "caro-doc-examples-" });
  try {
    const files: string[] = [];
    for (const [jsx, name] of [[false, "examples_test.ts"], [true, "examples_test.tsx"]] as const) {
      const subset = examples.filter((example) => example.jsx === jsx);
      if (subset.length === 0) continue;
      files.push(join(dir, name));
      await Deno.writeTextFile(join(dir, name), testModuleFor(subset, ROOT_URL));
    }
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "-A",
        "--no-prompt",
        "--no-check",
        "--parallel",
        "--config",
        join(ROOT, "deno.json"),
        ...files,
      ],
      cwd: ROOT,
      env: { NO_COLOR: "1", DENO_DIR },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      text: decoder.decode(output.stdout) + decoder.decode(output.stderr),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("every doc example in mod.ts and src/ runs and holds", async () => {
  const examples: DocExample[] = [];
  const modules = ["mod.ts"];
  for await (const module of libraryModules(join(ROOT, "src"))) modules.push(module);
  for (const module of modules.sort()) {
    examples.push(...extractDocExamples(module, await Deno.readTextFile(join(ROOT, module))));
  }
  assert.ok(examples.length > 250, `only ${examples.length} examples found`);
  const { code, text } = await runExamples(examples);
  const failures = text.split("\n").filter((line) => /\.\.\. FAILED|^error:/.test(line));
  assert.equal(code, 0, failures.join("\n") || text.slice(-3000));
  const passed = Number(/ok \| (\d+) passed/.exec(text)?.[1] ?? 0);
  assert.equal(passed, examples.length, `${passed} of ${examples.length} examples passed`);
});

Deno.test("a wrong doc example fails the run", async () => {
  const wrong: DocExample = {
    module: "src/version.ts",
    line: 1,
    code:
      'import assert from "node:assert/strict";\nimport { CARO_VERSION } from "./version.ts";\n' +
      'assert.equal(CARO_VERSION, "not a version");',
    jsx: false,
  };
  const { code, text } = await runExamples([wrong]);
  assert.notEqual(code, 0);
  assert.match(text, /src\/version\.ts:1 \.\.\. FAILED/);
});
