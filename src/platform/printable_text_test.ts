import { equal } from "node:assert/strict";
import { printableText } from "./printable_text.ts";

Deno.test("no C0, C1 or DEL byte survives, whatever the input", () => {
  let all = "";
  for (let code = 0; code < 0x200; code++) all += String.fromCharCode(code);
  // deno-lint-ignore no-control-regex
  equal(/[\u0000-\u001f\u007f-\u009f]/.test(printableText(all)), false);
});

Deno.test("bidi overrides, isolates, marks and invisible characters are removed", () => {
  const hostile = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl" +
    "\u061Cm\u200Bn\uFEFFo\u{E0041}p";
  equal(printableText(hostile), "abcdefghijklmnop");
});

Deno.test("ordinary text, accents and emoji pass unchanged; a lone surrogate becomes U+FFFD", () => {
  equal(printableText("CARO-2026-0042 (résolu) ✓ 🎉"), "CARO-2026-0042 (résolu) ✓ 🎉");
  equal(printableText("x\uD800y"), "x\uFFFDy");
});
