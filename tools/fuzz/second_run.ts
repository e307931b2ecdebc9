/**
 * The idempotence property of the sanitizer: a second run over its own output
 * changes nothing, `sanitizeText(sanitizeText(x).text).text ===
 * sanitizeText(x).text`. The service screens every string of a report with
 * the same sanitizer and quarantines a report it would change, so any second
 * run change quarantines an honest report. Checked on the text itself and on
 * the request shape the client sends (`foldRequestShape`: lowercased, with
 * `<NUM>`/`<PATH>`/… placeholders), both folded from the raw text and from
 * the sanitized one.
 *
 * @module
 */
import { sanitizeText } from "../../src/sanitizer/mod.ts";
import { foldRequestShape } from "../../src/protocol/report/signature.ts";

/** Characters shown either side of the first difference in a finding. */
const AROUND = 60;

/**
 * What a second run changes in the first run's output of `text`, or
 * `undefined` when it changes nothing: `"<shape>: <first> → <second>"`
 * around the first difference.
 *
 * @example An address and a mapped IPv6 address stay as the first run left them
 * ```ts
 * import assert from "node:assert/strict";
 * import { secondRunChange } from "./second_run.ts";
 * assert.equal(secondRunChange("mail ada@example.org from ::ffff:10.1.2.3"), undefined);
 * ```
 */
export function secondRunChange(text: string): string | undefined {
  const first = sanitizeText(text).text;
  const shapes: [string, string][] = [
    ["text", text],
    ["folded shape", foldRequestShape(text)],
    ["folded sanitized text", foldRequestShape(first)],
  ];
  for (const [shape, input] of shapes) {
    const once = shape === "text" ? first : sanitizeText(input).text;
    const twice = sanitizeText(once).text;
    if (once !== twice) return `${shape}: ${firstDifference(once, twice)}`;
  }
  return undefined;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - AROUND);
  return `${JSON.stringify(a.slice(from, i + AROUND))} → ${
    JSON.stringify(b.slice(from, i + AROUND))
  }`;
}
