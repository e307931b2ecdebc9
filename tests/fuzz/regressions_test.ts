/**
 * Every input a fuzz run ever failed on (`tests/fuzz/corpus/<target>/*`),
 * replayed against its target: each must now pass. A new finding is saved
 * there by `deno task fuzz:<target>` and becomes a test here by itself.
 */
import { equal } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { FuzzTarget } from "../../tools/fuzz/fuzz_target.ts";
import { configTarget } from "../../tools/fuzz/targets/config_target.ts";
import { queueTarget } from "../../tools/fuzz/targets/queue_target.ts";
import { sanitizerTarget } from "../../tools/fuzz/targets/sanitizer_target.ts";
import { apiTargetOrSkip } from "./api_target_or_skip.ts";

const CORPUS = fileURLToPath(new URL("./corpus", import.meta.url));

async function corpusFiles(target: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const item of Deno.readDir(join(CORPUS, target))) {
      if (item.isFile) names.push(item.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

async function replay(target: FuzzTarget, t: Deno.TestContext): Promise<void> {
  for (const name of await corpusFiles(target.name)) {
    await t.step(name, async () => {
      const input = await Deno.readFile(join(CORPUS, target.name, name));
      equal(await target.check(input), undefined);
    });
  }
}

for (const target of [configTarget, queueTarget, sanitizerTarget]) {
  Deno.test(`fuzz regressions: ${target.name}`, (t) => replay(target, t));
}

Deno.test("fuzz regressions: api", async (t) => {
  const target = await apiTargetOrSkip();
  if (!target) return;
  try {
    await replay(target, t);
  } finally {
    await target.close?.();
  }
});
