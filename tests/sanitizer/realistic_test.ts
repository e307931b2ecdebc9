/**
 * Regression test on hand-written, realistic lines (commands, errors, paths,
 * config snippets, prose): each must come out exactly as reviewed. A change
 * here is a behaviour change to look at, not a number to re-bless blindly.
 */
import { deepEqual } from "node:assert/strict";
import { sanitizeText } from "../../src/sanitizer/mod.ts";

const lines = (await Deno.readTextFile(new URL("./realistic.jsonl", import.meta.url)))
  .split("\n").filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { id: string; text: string; expected: string });

Deno.test("realistic lines come out as reviewed", () => {
  const changed = lines
    .map(({ id, text, expected }) => ({ id, expected, actual: sanitizeText(text).text }))
    .filter(({ expected, actual }) => expected !== actual);
  deepEqual(changed, []);
});
