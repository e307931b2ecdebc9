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
 * Peers, side by side in the same run on the same corpus (the outside-text
 * corpus, `tests/sanitizer/outside*.jsonl`, 446 labelled lines written by
 * others): secretlint (`@secretlint/core` with
 * `@secretlint/secretlint-rule-preset-recommend`) and openredaction. At load
 * the bench prints each tool's recall and keep rate on that corpus, scored by
 * `tools/evaluate_sanitizer.ts` (a peer's finding is replaced by a marker);
 * the `peers` group then measures throughput on the corpus's texts repeated
 * to 256 KB, caro's sanitizer as the baseline.
 *
 * @module
 */
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { OpenRedaction } from "openredaction";
import { sanitizeText } from "../src/sanitizer/mod.ts";
import { evaluate, type LabelledCase, readCases } from "../tools/evaluate_sanitizer.ts";

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

// --- peers: secretlint and openredaction on the outside-text corpus ---------

const outside: LabelledCase[] = [
  ...await readCases(new URL("../tests/sanitizer/outside.jsonl", import.meta.url)),
  ...await readCases(new URL("../tests/sanitizer/outside_blind.jsonl", import.meta.url)),
];
const SECRETLINT_CONFIG = {
  rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }],
};

/** secretlint's findings on `text`, each range replaced by a marker. */
async function secretlintOutput(text: string): Promise<string> {
  const result = await lintSource({
    source: { filePath: "/input.txt", content: text, ext: ".txt", contentType: "text" },
    options: { config: SECRETLINT_CONFIG },
  });
  const ranges = result.messages.map((m) => m.range).sort((a, b) => b[0] - a[0]);
  let out = text;
  let floor = text.length;
  for (const [start, end] of ranges) {
    if (end > floor) continue;
    out = out.slice(0, start) + "<R>" + out.slice(end);
    floor = start;
  }
  return out;
}

const openredaction = new OpenRedaction({ redactionMode: "placeholder" });
/** openredaction's redacted text. */
async function openredactionOutput(text: string): Promise<string> {
  return (await openredaction.detect(text)).redacted;
}

const peerOutputs = new Map<string, Map<string, string>>();
for (
  const [name, run] of [
    ["caro", (t: string) => Promise.resolve(sanitizeText(t).text as string)],
    ["secretlint", secretlintOutput],
    ["openredaction", openredactionOutput],
  ] as const
) {
  const outputs = new Map<string, string>();
  for (const item of outside) outputs.set(item.id, await run(item.text));
  peerOutputs.set(name, outputs);
}
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const rows = [...peerOutputs].map(([name, outputs]) => {
  const e = evaluate(outside, (item) => outputs.get(item.id) ?? item.text);
  return `| ${name} | ${pct(e.coreRecall)} | ${pct(e.keepRate)} | ${pct(e.tokensPreserved)} |`;
});
// deno-lint-ignore no-console
console.log(
  `\nOutside-text corpus (${outside.length} lines), same scorer for every tool:\n` +
    "| tool | core recall | keep rate | innocent tokens |\n| --- | --- | --- | --- |\n" +
    rows.join("\n") + "\n",
);

const PEER_KB = 256 * 1024;
const peerCorpus = (() => {
  const unit = outside.map((c) => c.text).join("\n") + "\n";
  return unit.repeat(Math.ceil(PEER_KB / unit.length)).slice(0, PEER_KB);
})();
Deno.bench("caro sanitizeText, 256 KB outside corpus", { group: "peers", baseline: true }, () => {
  sanitizeText(peerCorpus);
});
Deno.bench(
  "secretlint recommended preset, 256 KB",
  { group: "peers", n: 3, warmup: 1 },
  async () => {
    await secretlintOutput(peerCorpus);
  },
);
Deno.bench("openredaction detect, 256 KB", { group: "peers", n: 3, warmup: 1 }, async () => {
  await openredactionOutput(peerCorpus);
});
