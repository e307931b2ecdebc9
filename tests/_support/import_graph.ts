/**
 * The project's import graph, read from the source text: every relative
 * `import … from`, `export … from` and literal `import("…")` of each `.ts` /
 * `.tsx` file under the given roots, resolved to a repository-relative path.
 * Doc comments are left out, so an `@example`'s import is not an edge.
 *
 * @module
 */
import { join, relative } from "node:path";

/** One import: who imports what, and whether only for its types. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "corpus"]);
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Removes block and line comments, keeping string literals intact enough for import specifiers. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/**
 * Lists the relative imports of every TypeScript file below `roots` (paths
 * relative to `repo`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { readImportGraph } from "./import_graph.ts";
 * const repo = fileURLToPath(new URL("../../", import.meta.url));
 * const edges = await readImportGraph(repo, ["main.ts"]);
 * assert(edges.some((edge) => edge.to === "src/version.ts"));
 * ```
 */
export async function readImportGraph(repo: string, roots: string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const root of roots) {
    for await (const file of typeScriptFiles(join(repo, root))) {
      const from = relative(repo, file).replaceAll("\\", "/");
      const source = stripComments(await Deno.readTextFile(file));
      for (const match of source.matchAll(IMPORT)) {
        const specifier = match[2] ?? match[3];
        if (!specifier.startsWith(".")) continue;
        const to = new URL(specifier, `file:///repo/${from}`).pathname.slice("/repo/".length);
        edges.push({ from, to, typeOnly: match[1] !== undefined });
      }
    }
  }
  return edges;
}

async function* typeScriptFiles(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(path);
  if (info.isFile) {
    if (/\.tsx?$/.test(path)) yield path;
    return;
  }
  for await (const entry of Deno.readDir(path)) {
    if (entry.isDirectory && SKIP_DIRS.has(entry.name)) continue;
    yield* typeScriptFiles(join(path, entry.name));
  }
}

/**
 * The architectural unit a path belongs to: `src/<folder>` (or the file, for
 * `src/errors.ts`), else its top-level folder or file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unitOf } from "./import_graph.ts";
 * assert.equal(unitOf("src/healing/queue/scan_queue.ts"), "src/healing");
 * assert.equal(unitOf("src/errors.ts"), "src/errors.ts");
 * assert.equal(unitOf("tools/bundle.ts"), "tools");
 * ```
 */
export function unitOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : path;
  return parts[0];
}
