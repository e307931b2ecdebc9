/**
 * The layout's rules, checked on the real import graph (static and literal
 * dynamic imports, type-only ones included). The folders mirror the product's
 * diagram, and imports only run downhill:
 *
 * ```
 * main.ts ─▶ src/cli ─▶ src/healing ─▶ src/doctor ─▶ src/sanitizer ─▶ src/protocol ─▶ src/platform
 *                                   └──────────────▶ src/config ─────────────────────┘
 * src/service (its own entry point) ─▶ src/protocol, src/sanitizer, src/platform
 * ```
 *
 * `src/errors.ts`, `src/version.ts` and `deno.json` (the version's one source)
 * are leaves anyone may import. `tools/` and `bench/` may use the product (the
 * launcher and the build read the CLI's permission manifest) but never
 * `tests/`; `tests/` may import anything.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { type ImportEdge, readImportGraph, unitOf } from "./_support/import_graph.ts";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const LEAVES = ["src/errors.ts", "src/version.ts", "deno.json"];

/** What each unit may import besides itself and the leaves. */
const ALLOWED: Record<string, readonly string[]> = {
  "main.ts": ["src/cli"],
  "mod.ts": ["src/doctor", "src/sanitizer", "src/healing", "src/protocol", "src/platform"],
  "src/cli": [
    "src/healing",
    "src/doctor",
    "src/sanitizer",
    "src/protocol",
    "src/config",
    "src/platform",
  ],
  "src/healing": ["src/doctor", "src/sanitizer", "src/protocol", "src/config", "src/platform"],
  "src/doctor": ["src/sanitizer", "src/protocol", "src/config", "src/platform"],
  "src/sanitizer": ["src/protocol", "src/platform"],
  "src/config": ["src/protocol", "src/platform"],
  "src/protocol": ["src/platform"],
  "src/platform": [],
  "src/service": ["src/protocol", "src/sanitizer", "src/platform"],
  "src/errors.ts": [],
  "src/version.ts": [],
};

/** The rule an edge breaks, or `undefined` when it is allowed. */
function violation(edge: ImportEdge): string | undefined {
  const from = unitOf(edge.from);
  const to = unitOf(edge.to);
  if (from === to || LEAVES.includes(edge.to)) return undefined;
  if (to === "tests") return "nothing outside tests/ imports tests/";
  if (from === "tests") return undefined;
  if (from === "tools" || from === "bench") return undefined;
  const allowed = ALLOWED[from];
  if (!allowed) return `${from} is not a known part of the layout (add it to ALLOWED)`;
  if (to === "src/cli" && from !== "main.ts") {
    return "only main.ts (and tools/, tests/) may import src/cli";
  }
  if (!allowed.includes(to)) return `${from} may import only ${allowed.join(", ") || "the leaves"}`;
  return undefined;
}

const edges = await readImportGraph(REPO, ["main.ts", "mod.ts", "src", "tools", "bench", "tests"]);

Deno.test("architecture: every import runs downhill", () => {
  const broken = edges.flatMap((edge) => {
    const rule = violation(edge);
    return rule ? [`${edge.from} → ${edge.to}: ${rule}`] : [];
  });
  assert.deepEqual(broken, []);
});

Deno.test("architecture: no two top-level folders import each other", () => {
  const pairs = new Set(edges.map((edge) => `${unitOf(edge.from)}|${unitOf(edge.to)}`));
  const mutual = [...pairs].flatMap((pair) => {
    const [a, b] = pair.split("|");
    return a < b && pairs.has(`${b}|${a}`) ? [`${a} ⇄ ${b}`] : [];
  });
  assert.deepEqual(mutual, []);
});

Deno.test("architecture: no import cycle between files of src/", () => {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (!edge.from.startsWith("src/") || !edge.to.startsWith("src/")) continue;
    graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to]);
  }
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
      return;
    }
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});

Deno.test("architecture: the rules catch a violation (healing importing the service)", () => {
  const planted: ImportEdge = {
    from: "src/healing/queue/scan_queue.ts",
    to: "src/service/store/open_store.ts",
    typeOnly: false,
  };
  assert.match(violation(planted) ?? "", /src\/healing may import only/);
  assert.equal(violation({ ...planted, to: "src/cli/program.ts" })?.includes("src/cli"), true);
  assert.equal(
    violation({ ...planted, from: "tools/bundle.ts", to: "tests/x.ts" }) !== undefined,
    true,
  );
});
