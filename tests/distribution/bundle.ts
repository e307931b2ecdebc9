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
 * The environment variable naming a bundle's entry chunk built for the whole
 * run: `deno task test` (tools/run_tests.ts) bundles once, at the start, and
 * every test that only runs the bundle uses that one (see {@link sharedBundle}).
 */
export const SHARED_BUNDLE_ENV = "CARO_TEST_BUNDLE";

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

let shared: Promise<string> | undefined;

/**
 * The bundle for tests that run it and do not test the bundling itself: the
 * run's bundle when `deno task test` built one ({@link SHARED_BUNDLE_ENV}),
 * else one built on first use in this test module (into a temp dir deleted
 * when the module unloads). Tests only read it: nothing may be written into
 * its directory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sharedBundle } from "./bundle.ts";
 * const path = await sharedBundle();
 * assert(path.endsWith("main.js"));
 * assert.equal(await sharedBundle(), path);
 * ```
 */
export function sharedBundle(): Promise<string> {
  shared ??= (async () => {
    const given = Deno.env.get(SHARED_BUNDLE_ENV);
    if (given) return given;
    const dir = await Deno.makeTempDir({ prefix: "caro-bundle-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    return await bundleCli(dir);
  })();
  return shared;
}
