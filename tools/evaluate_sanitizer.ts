/**
 * Scores the sanitizer on a labelled set: recall per sensitive category (a
 * span is caught when neither its value nor any 12-character run of it is
 * left in the output), keep rate per keep class (the value survives
 * verbatim), and the share of innocent tokens preserved. `deno task
 * eval:sanitizer` prints the table for `labelled.jsonl`.
 *
 * @module
 */
import { sanitizeText } from "../src/sanitizer/mod.ts";
import { STRETCH_CATEGORIES } from "../src/sanitizer/categories.ts";

/** One labelled value. */
export interface Label {
  category: string;
  value: string;
}

/** One labelled case. */
export interface LabelledCase {
  id: string;
  text: string;
  spans: Label[];
  keep: Label[];
}

/** Hits and totals for one category. */
export interface Tally {
  hit: number;
  total: number;
  misses: string[];
}

/** The scores of one run. */
export interface Evaluation {
  recall: Map<string, Tally>;
  keep: Map<string, Tally>;
  coreRecall: number;
  keepRate: number;
  tokensPreserved: number;
}

/**
 * Whether `label` no longer appears in `output`, whole or as any 12-character run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isRedacted } from "./evaluate_sanitizer.ts";
 * assert(isRedacted({ category: "email", value: "a@b.io" }, "<EMAIL>"));
 * ```
 */
export function isRedacted(label: Label, output: string): boolean {
  if (output.includes(label.value)) return false;
  for (let k = 0; k + 12 <= label.value.length; k++) {
    const run = label.value.slice(k, k + 12);
    if (run.trim().length === 12 && output.includes(run)) return false;
  }
  return true;
}

/**
 * Scores the sanitizer on `cases`. `outputOf` gives the sanitized text of a
 * case: by default `sanitizeText` in this process; pass the outputs of the
 * real `caro sanitize --jsonl` to score the judged path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluate } from "./evaluate_sanitizer.ts";
 * const e = evaluate([{ id: "1", text: "mail a.b@corp.io", spans: [{ category: "email", value: "a.b@corp.io" }], keep: [] }]);
 * assert(e.coreRecall === 1);
 * ```
 */
export function evaluate(
  cases: readonly LabelledCase[],
  outputOf: (item: LabelledCase) => string = (item) => sanitizeText(item.text).text,
): Evaluation {
  const recall = new Map<string, Tally>();
  const keep = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, category: string, ok: boolean, note: string) => {
    const entry = map.get(category) ?? { hit: 0, total: 0, misses: [] };
    entry.total++;
    if (ok) entry.hit++;
    else entry.misses.push(note);
    map.set(category, entry);
  };
  let tokens = 0;
  let preserved = 0;
  for (const item of cases) {
    const output = outputOf(item);
    for (const span of item.spans) {
      tally(
        recall,
        span.category,
        isRedacted(span, output),
        `${item.id}: ${span.value.slice(0, 60)} → ${output.slice(0, 160)}`,
      );
    }
    for (const kept of item.keep) {
      tally(
        keep,
        kept.category,
        output.includes(kept.value),
        `${item.id}: ${kept.value} → ${output.slice(0, 160)}`,
      );
    }
    let innocent = item.text;
    for (const span of item.spans) innocent = innocent.split(span.value).join(" ");
    for (const token of innocent.split(/\s+/).filter((w) => w.length > 0)) {
      tokens++;
      if (output.includes(token)) preserved++;
    }
  }
  const sum = (map: Map<string, Tally>, include: (c: string) => boolean) => {
    let hit = 0;
    let total = 0;
    for (const [category, entry] of map) {
      if (!include(category)) continue;
      hit += entry.hit;
      total += entry.total;
    }
    return total === 0 ? 1 : hit / total;
  };
  return {
    recall,
    keep,
    coreRecall: sum(recall, (c) => !(STRETCH_CATEGORIES as readonly string[]).includes(c)),
    keepRate: sum(keep, () => true),
    tokensPreserved: tokens === 0 ? 1 : preserved / tokens,
  };
}

/**
 * Reads a labelled JSONL file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCases } from "./evaluate_sanitizer.ts";
 * const cases = await readCases(new URL("../tests/sanitizer/labelled.jsonl", import.meta.url));
 * assert(cases.length > 0);
 * ```
 */
export async function readCases(path: URL | string): Promise<LabelledCase[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
}

/**
 * The per-category table as text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluate, formatEvaluation } from "./evaluate_sanitizer.ts";
 * assert(formatEvaluation(evaluate([])).includes("core recall"));
 * ```
 */
export function formatEvaluation(e: Evaluation, showMisses = false): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
  const lines: string[] = ["category                 recall     n", "-".repeat(38)];
  const rows = (map: Map<string, Tally>) =>
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([category, t]) => {
      lines.push(`${category.padEnd(24)} ${pct(t.hit / t.total)} ${String(t.total).padStart(5)}`);
      if (showMisses) { for (const miss of t.misses.slice(0, 5)) lines.push(`    miss ${miss}`); }
    });
  rows(e.recall);
  lines.push("", "keep class               kept       n", "-".repeat(38));
  rows(e.keep);
  lines.push(
    "",
    `core recall ${pct(e.coreRecall)}   keep rate ${pct(e.keepRate)}   innocent tokens preserved ${
      pct(e.tokensPreserved)
    }`,
  );
  return lines.join("\n");
}

/** The labelled sets `deno task eval:sanitizer` scores when given no file. */
export const LABELLED_SETS: readonly { name: string; file: URL; about: string }[] = [
  {
    name: "labelled.jsonl",
    file: new URL("../tests/sanitizer/labelled.jsonl", import.meta.url),
    about: "generated from the case templates by the rules' author",
  },
  {
    name: "blind.jsonl",
    file: new URL("../tests/sanitizer/blind.jsonl", import.meta.url),
    about: "blind batch 1, written from the policy before reading the rules; tuned against",
  },
  {
    name: "blind2.jsonl",
    file: new URL("../tests/sanitizer/blind2.jsonl", import.meta.url),
    about: "blind batch 2, scored once untuned, then kept as regression data",
  },
  {
    name: "blind3.jsonl",
    file: new URL("../tests/sanitizer/blind3.jsonl", import.meta.url),
    about: "blind batch 3 (transcripts, mixed lines), written after the fixes, scored once untuned",
  },
  {
    name: "outside.jsonl",
    file: new URL("../tests/sanitizer/outside.jsonl", import.meta.url),
    about:
      "outside text (scanner fixtures, PII test sentences, issue threads; sources per line), tuning part",
  },
  {
    name: "outside_blind.jsonl",
    file: new URL("../tests/sanitizer/outside_blind.jsonl", import.meta.url),
    about: "outside text, blind part: scored once after the rules were done, not tuned on",
  },
];

if (import.meta.main) {
  const file = Deno.args.find((a) => !a.startsWith("-"));
  const sets = file === undefined ? LABELLED_SETS : [{ name: file, file, about: "" }];
  for (const set of sets) {
    const evaluation = evaluate(await readCases(set.file));
    // deno-lint-ignore no-console
    console.log(
      `\n== ${set.name}${set.about ? ` (${set.about})` : ""}\n` +
        formatEvaluation(evaluation, Deno.args.includes("--misses")),
    );
  }
}
