import { equal, ok } from "node:assert/strict";
import { complexityScore } from "./complexity_score.ts";

Deno.test("complexity grows with words and clauses and stays within 0..100", () => {
  equal(complexityScore(""), 0);
  equal(complexityScore("a and b ".repeat(100)), 100);
  ok(complexityScore("list files") < complexityScore("list files | sort, then delete and log"));
});
