/**
 * Test helper: bundles main.ts exactly as `deno task bundle` does, into a
 * temp dir, so distribution tests run the artefact a binary would embed.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Bundles the CLI into `dir/caro.js` and returns its path.
 *
 * @example
 * ```ts
 * import { bundleCli } from "./bundle.ts";
 * const path = await bundleCli(await Deno.makeTempDir());
 * console.assert(path.endsWith("caro.js"));
 * ```
 */
export async function bundleCli(dir: string): Promise<string> {
  const task = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).tasks.bundle as string;
  const output = join(dir, "caro.js");
  const args = task.split(" ").slice(1).map((arg) => arg === "dist/caro.js" ? output : arg);
  const result = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stderr: "piped" })
    .output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  return output;
}
