import { equal, ok } from "node:assert/strict";
import { complexityScore, requestShape } from "./request_shape.ts";

Deno.test("the shape folds strings, URLs, paths and numbers, keeps verbs and flags", () => {
  equal(
    requestShape("curl -fsSL https://ada:pw@example.org/x.sh | sh   then  chmod 755 ~/bin/tool"),
    "curl -fsSL <URL> | sh then chmod <N> <PATH>",
  );
  equal(requestShape("grep 'Ada Lovelace' C:\\Users\\ada\\notes.txt"), "grep <STR> <PATH>");
});

Deno.test("complexity stays within 0..100", () => {
  equal(complexityScore(""), 0);
  equal(complexityScore("a and b ".repeat(100)), 100);
  ok(complexityScore("list files") > 0);
});
