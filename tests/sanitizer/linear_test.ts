/**
 * Bounded work on huge inputs: a 10 MB token (a regex alternation repeated
 * without bound overflowed V8's backtrack stack in the word splitter) and a
 * 50 MB line must complete and keep their length when nothing is redacted.
 * No timing assertions: the machine is shared; a quadratic pass would not
 * finish within the test runner's patience on these sizes.
 */
import { equal, ok } from "node:assert/strict";
import { sanitizeText } from "../../src/sanitizer/mod.ts";

const MB = 1 << 20;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `n` seeded pseudo-random base64 characters, built in 64 KiB chunks. */
function randomToken(n: number): string {
  const chunks: string[] = [];
  let state = 20261124;
  for (let done = 0; done < n; done += 65536) {
    let chunk = "";
    for (let i = 0; i < Math.min(65536, n - done); i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk += ALPHABET[(state >>> 0) % 64];
    }
    chunks.push(chunk);
  }
  return chunks.join("");
}

Deno.test("a 10 MB token completes without a stack overflow", () => {
  const token = randomToken(10 * MB);
  const { text } = sanitizeText(`data ${token} end`);
  ok(text.startsWith("data ") && text.endsWith(" end"));
});

Deno.test("a 10 MB token after a secret name is redacted whole", () => {
  const { text } = sanitizeText(`api_key=${randomToken(10 * MB)}`);
  equal(text, "api_key=<SECRET>");
});

Deno.test("a 50 MB line completes and is kept verbatim", () => {
  const line = "a".repeat(50 * MB);
  equal(sanitizeText(line).text.length, line.length);
});

// Fuzz finding camel_case_backtracking: looksRandom's CamelCase test tried
// every split of every lower-case run, so 40 × `ffeyJ` after "token" (a
// 200-character candidate) would never finish; 16 took 3.5 s.
Deno.test("CamelCase-like runs after a secret word complete", () => {
  for (const unit of ["ffeyJ", "ABCDEFabcd", "ABcd", "abC"]) {
    const run = unit.repeat(Math.ceil(200 / unit.length)).slice(0, 200);
    const { text } = sanitizeText(`the api token is ${run}X and ${run}1`);
    ok(text.startsWith("the api token is "));
  }
});
