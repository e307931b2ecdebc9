/**
 * Test helper: bundles main.ts exactly as `deno task bundle` does, into a
 * temp dir, so distribution tests run the artefact a binary would embed.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { bundle } from "../../tools/bundle.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Bundles the CLI into `dir/caro/` and returns the entry chunk's path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleCli } from "./bundle.ts";
 * const path = await bundleCli(await Deno.makeTempDir());
 * assert(path.endsWith("main.js"));
 * ```
 */
export function bundleCli(dir: string): Promise<string> {
  return bundle(join(dir, "caro"), join(ROOT, "main.ts"), ROOT);
}
