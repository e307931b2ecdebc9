/**
 * Sanitizer throughput and worst cases, each beside a baseline measured in
 * the same run over the same bytes (`toLowerCase()` and one simple regex
 * pass). Run with `deno bench bench/sanitizer_bench.ts`; read the ratios,
 * not the absolute times.
 *
 * Corpus: the labelled set's texts repeated to ~1 MB (mixed commands,
 * errors, paths, secrets). Hostile inputs: 1 MB runs of `a@a.`, `:::::`,
 * `=====`, nested quotes, long hex, long base64, blanks (a fuzz finding:
 * word splitting was quadratic in a run of spaces), the openings of the
 * later context rules (`auth=("a", `, `<add key="a" value="`, `user=Ab.cd`,
 * `0049 30`, `\nUser`), and more.
 *
 * @module
 */
import { sanitizeText } from "../src/sanitizer/mod.ts";

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const labelled = await Deno.readTextFile(
  new URL("../tests/sanitizer/labelled.jsonl", import.meta.url),
);
const texts = labelled.split("\n").filter((l) => l).map((l) => JSON.parse(l).text as string);
const corpus = fill(texts.join("\n") + "\n");

/** 1 MB inputs built to trigger backtracking or quadratic scans. */
export const HOSTILE: Record<string, string> = {
  "a@a.": fill("a@a."),
  "colons": fill(":"),
  "equals": fill("="),
  "nested quotes": fill(`"'\`"'\``),
  "long hex": fill("0123456789abcdef"),
  "long base64": fill("QUJDRGVmZ2hpams0NTY3+/"),
  "dots and digits": fill("1."),
  "spaced digits": fill("1 "),
  "hex:colon": fill("a:"),
  "password=": fill("password="),
  "KEY=a": fill("KEY=a "),
  "url userinfo": fill("http://a:b@"),
  "PEM without END": fill("-----BEGIN PRIVATE KEY-----"),
  "/home/": fill("/home/"),
  "C:\\Users\\": fill("C:\\Users\\"),
  "Bearer": fill("Bearer "),
  "phone-ish": fill("+1 (2"),
  "mysql mysql …": fill("mysql "),
  "curl -u a:b …": fill("curl -u a:b "),
  "sqlplus …": fill("sqlplus "),
  "~user …": fill("~ab "),
  "0.0.0.0/0 …": fill("0.0.0.0/0 "),
  "a.b.c.d …": fill("a.b.c.d.e.f "),
  "spaces": fill(" "),
  "spaces and tabs": fill("  \t \t\t"),
  "ssh a …": fill("ssh a "),
  'auth=("a", …': fill('auth=("a", '),
  '<add key="a" value="': fill('<add key="a" value="'),
  "user=Ab.cd …": fill("user=Ab.cd "),
  "0049 30 …": fill("0049 30 "),
  "\\nUser …": fill("\nUser "),
};

const simple = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

Deno.bench(
  "baseline: toLowerCase over the 1 MB corpus",
  { group: "corpus", baseline: true },
  () => {
    corpus.toLowerCase();
  },
);
Deno.bench("baseline: one e-mail regex over the 1 MB corpus", { group: "corpus" }, () => {
  corpus.replace(simple, "<EMAIL>");
});
Deno.bench("sanitizeText over the 1 MB mixed corpus", { group: "corpus" }, () => {
  sanitizeText(corpus);
});
Deno.bench(
  `sanitizeText per labelled case (${texts.length} short texts)`,
  { group: "corpus" },
  () => {
    for (const text of texts) sanitizeText(text);
  },
);

for (const [name, input] of Object.entries(HOSTILE)) {
  Deno.bench(`baseline: toLowerCase, 1 MB ${name}`, { group: name, baseline: true }, () => {
    input.toLowerCase();
  });
  Deno.bench(`sanitizeText, 1 MB ${name}`, { group: name, n: 3, warmup: 1 }, () => {
    sanitizeText(input);
  });
}
