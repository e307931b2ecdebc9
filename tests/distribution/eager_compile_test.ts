/**
 * The bundle's eager-compile rewrite (tools/eager_compile.ts) keeps what the
 * code does, and the real bundle has no static import cycle (the one case
 * the rewrite could change behaviour).
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { eagerTopLevelFunctions, staticImportCycle } from "../../tools/eager_compile.ts";
import { bundleCli } from "./bundle.ts";

/** Imports `source` as a module (from a temp file) and returns its namespace. */
async function importModule(dir: string, name: string, source: string) {
  const path = join(dir, name);
  await Deno.writeTextFile(path, source);
  return await import(`file://${path}`);
}

Deno.test("rewritten functions behave as the declarations did", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const source = [
      "#!/usr/bin/env -S deno run",
      // esbuild's form: plain declarations, one export list
      "export { counter, early, later, names, outer, ticks, twice, wrapped, joined };",
      // used before its declaration, at module evaluation
      "const early = twice(21);",
      "function twice(n) { return n * 2; }",
      "async function later() { return helper(); }",
      "function helper() { return 'helped'; }",
      "function* counter() { yield 1; yield 2; }",
      "const names = [twice.name, later.name, counter.name];",
      // a nested declaration stays as it was (hoisted within its function)
      "function outer() { return inner(); function inner() { return 'inner'; } }",
      // a function that replaces itself, and one replaced from outside
      "function ticks() { ticks = () => 'replaced'; return 'first'; }",
      "function wrapped() { return 'original'; }",
      "const original = wrapped; wrapped = () => `wrapped ${original()}`;",
      // a property assignment does not stop the rewrite of a same-named function
      "const box = {}; box.helper = 1;",
      // no semicolon before or after a declaration: taking it out must not join lines
      "let joined = 'a'",
      "function between() {}",
      "(() => { joined += 'b'; })()",
    ].join("\n");
    const rewritten = eagerTopLevelFunctions(source);
    match(rewritten, /^#!\/usr\/bin\/env -S deno run\nvar twice=\(function\(n\)/);
    match(rewritten, /var helper=\(function\(\)/);
    match(rewritten, /\nfunction ticks\(\)/, "a self-replacing function stays a declaration");
    match(rewritten, /\nfunction wrapped\(\)/, "a replaced function stays a declaration");
    const before = await importModule(dir, "before.js", source);
    const after = await importModule(dir, "after.js", rewritten);
    for (const module of [before, after]) {
      equal(module.early, 42);
      equal(await module.later(), "helped");
      deepEqual([...module.counter()], [1, 2]);
      deepEqual(module.names, ["twice", "later", "counter"]);
      equal(module.outer(), "inner");
      equal(module.ticks(), "first");
      equal(module.ticks(), "replaced");
      equal(module.wrapped(), "wrapped original");
      equal(module.joined, "ab");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a static import cycle is found; dynamic imports do not count", () => {
  equal(
    staticImportCycle({
      "main.js": 'import"./a.js";',
      "a.js": 'import{x}from"./b.js";',
      "b.js": 'export*from"./a.js";',
    }),
    "a.js → b.js → a.js",
  );
  equal(
    staticImportCycle({ "main.js": 'import"./a.js";', "a.js": 'import("./main.js");' }),
    undefined,
  );
});

Deno.test("the CLI bundle's chunks import each other without a cycle", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // bundleCli runs the rewrite, which refuses a bundle with a cycle
    const entry = await bundleCli(dir);
    match(await Deno.readTextFile(entry), /^var [\w$]+=\((async )?function[\s(*]/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
