/**
 * `deno task bundle`: bundles the CLI (main.ts, not the service) into
 * `dist/caro/` — minified, for Deno, split into chunks so that each
 * subcommand's code (and commander's `node:` imports) loads only when that
 * subcommand runs. `dist/caro/main.js` is what `deno compile` embeds.
 * Each chunk's top-level functions are then made eagerly compiled, so that
 * Deno's code cache holds their bytecode (tools/eager_compile.ts).
 *
 * @module
 */
import { join } from "node:path";
import { eagerTopLevelFunctions, reachableChunks, staticImportCycle } from "./eager_compile.ts";

/** Where `deno task bundle` writes. */
export const BUNDLE_DIR = "dist/caro";

/** The entry chunk inside a bundle directory. */
export const BUNDLE_ENTRY = "main.js";

/**
 * The `deno bundle` arguments writing `entry` into `outDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleArgs } from "./bundle.ts";
 * assert(bundleArgs("out", "main.ts").includes("--code-splitting"));
 * ```
 */
export function bundleArgs(outDir: string, entry: string): string[] {
  return [
    "bundle",
    "--quiet",
    "--minify",
    "--platform=deno",
    "--code-splitting",
    "--outdir",
    outDir,
    entry,
  ];
}

/**
 * Bundles `entry` into a fresh `outDir` (old chunks removed first) and
 * returns the entry chunk's path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundle } from "./bundle.ts";
 * const main = await bundle(await Deno.makeTempDir(), "main.ts");
 * assert(main.endsWith("main.js"));
 * ```
 */
export async function bundle(outDir: string, entry: string, cwd = "."): Promise<string> {
  await Deno.remove(outDir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const result = await new Deno.Command(Deno.execPath(), {
    args: bundleArgs(outDir, entry),
    cwd,
    stderr: "piped",
  }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr).trim());
  await compileEagerly(outDir);
  return join(outDir, BUNDLE_ENTRY);
}

/**
 * The commander tree's chunk (`src/cli/program.ts`): every command line but
 * `--version` and the plain doctor goes through it.
 */
const COMMANDER_CHUNK = /^program-[\w]+\.js$/;

/**
 * Rewrites with {@link eagerTopLevelFunctions} the chunks that `--version`
 * and the direct doctor path can load, the start-up the bench budgets
 * (~1.7 ms of the doctor's). The commander path measured no gain (`caro
 * doctor --help` 38.6 ms eager, 39.0 ms not), so its chunks keep their
 * smaller form (~1.6 KB of the bundle).
 */
async function compileEagerly(outDir: string): Promise<void> {
  const chunks: Record<string, string> = {};
  for await (const entry of Deno.readDir(outDir)) {
    if (entry.isFile && entry.name.endsWith(".js")) {
      chunks[entry.name] = await Deno.readTextFile(join(outDir, entry.name));
    }
  }
  const cycle = staticImportCycle(chunks);
  if (cycle) throw new Error(`the bundle's chunks import each other in a cycle: ${cycle}`);
  const startUp = reachableChunks(chunks, BUNDLE_ENTRY, (name) => COMMANDER_CHUNK.test(name));
  if (!Object.keys(chunks).some((name) => COMMANDER_CHUNK.test(name))) {
    throw new Error("the bundle has no program-*.js chunk: update COMMANDER_CHUNK");
  }
  for (const name of startUp) {
    await Deno.writeTextFile(join(outDir, name), eagerTopLevelFunctions(chunks[name]));
  }
}

/**
 * Total bytes of every file in a bundle directory (what a binary embeds).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleSize } from "./bundle.ts";
 * assert((await bundleSize("dist/caro")) > 0);
 * ```
 */
export async function bundleSize(dir: string): Promise<number> {
  let total = 0;
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile) total += (await Deno.stat(join(dir, entry.name))).size;
  }
  return total;
}

if (import.meta.main) await bundle(BUNDLE_DIR, "main.ts");
