/**
 * Writes `tests/sanitizer/labelled.jsonl`: the sanitizer's own labelled set,
 * built from the policy tables with values generated from the published
 * formats (seeded, so the file is reproducible). No value is a real secret:
 * tokens carry random bodies (GitHub ones with a valid CRC32 checksum), cards
 * are random Luhn-valid numbers, addresses come from private or
 * documentation ranges or are random.
 *
 * Each line: `{"id", "text", "spans": [{category, value}], "keep": [{category, value}]}`.
 * A span is caught when its value (and every 12-character run of it) is
 * gone from the output; a keep value must survive verbatim.
 *
 *   deno run --allow-write=tests/sanitizer tests/sanitizer/generate_cases.ts
 *
 * @module
 */
import { base62, crc32 } from "../../src/sanitizer/checksums.ts";
import { CASE_TEMPLATES } from "./case_templates.ts";
import { createRandom } from "../../tools/random_values.ts";
import type { Label, LabelledCase } from "../../tools/evaluate_sanitizer.ts";

/**
 * Expands every template `count` times with fresh values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateCases } from "./generate_cases.ts";
 * assert(generateCases(1).length > 100);
 * ```
 */
export function generateCases(seed: number): LabelledCase[] {
  const random = createRandom(seed, { crc32, base62 });
  const cases: LabelledCase[] = [];
  const counters = new Map<string, number>();
  for (const template of CASE_TEMPLATES) {
    for (let k = 0; k < template.repeat; k++) {
      const spans: Label[] = [];
      const keep: Label[] = [];
      const text = template.text.replace(
        /\{([=!]?)([a-z_0-9]+)(?::([a-z_]+))?\}/g,
        (_, mode, kind, label) => {
          const value = random.value(kind);
          if (mode === "=") keep.push({ category: label ?? random.categoryOf(kind), value });
          else if (mode === "") {
            spans.push({
              category: label ?? random.categoryOf(kind),
              value: random.labelValue(kind, value),
            });
          }
          return value;
        },
      );
      const n = (counters.get(template.group) ?? 0) + 1;
      counters.set(template.group, n);
      cases.push({ id: `${template.group}-${String(n).padStart(3, "0")}`, text, spans, keep });
    }
  }
  return cases;
}

if (import.meta.main) {
  const cases = generateCases(20261124);
  const path = new URL("./labelled.jsonl", import.meta.url);
  await Deno.writeTextFile(path, cases.map((c) => JSON.stringify(c)).join("\n") + "\n");
}
