/**
 * Every `@example` in the library code runs and its assertions hold: the
 * examples of mod.ts and of each module under src/ are evaluated with
 * `deno test --doc`. Type-checking of the examples is left to `deno check`
 * of the modules themselves: the strict `noUnusedLocals` would reject the
 * imports Deno adds to each extracted example.
 */
import { equal } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { DENO_DIR } from "./_support/run_caro.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

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
      const name = relative(ROOT, path);
      if (!ENTRY_POINTS.has(name)) yield name;
    }
  }
}

Deno.test("every doc example in mod.ts and src/ runs and holds", async () => {
  const modules = ["mod.ts"];
  for await (const module of libraryModules(join(ROOT, "src"))) modules.push(module);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-prompt", "--doc", "--no-check", "--parallel", ...modules],
    cwd: ROOT,
    env: { NO_COLOR: "1", DENO_DIR },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  const failures = text.split("\n").filter((line) => / => |\.\.\. FAILED/.test(line));
  equal(output.code, 0, failures.join("\n") || text.slice(-2000));
  const examples = Number(/ok \| (\d+) passed/.exec(text)?.[1] ?? 0);
  equal(examples > 250, true, `only ${examples} examples ran`);
});
