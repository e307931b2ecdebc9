/**
 * `deno task compile:<target>` / `deno task compile`: compiles the bundle
 * (`dist/caro/`, made by `deno task bundle`) into `dist/caro-<target>[.exe]`
 * with the baked permission flags from src/cli/permissions.ts, then
 * writes `dist/SHA256SUMS` over every binary present in dist/.
 *
 * Usage: `deno run … tools/compile.ts <target name>… | all`
 *
 * @module
 */
import { join } from "node:path";
import { BUNDLE_DIR, BUNDLE_ENTRY } from "./bundle.ts";
import {
  bakedPermissionFlags,
  COMPILE_TARGETS,
  type CompileTarget,
} from "../src/cli/permissions.ts";

/** The bundle's entry chunk every target is compiled from (its chunks come along). */
export const BUNDLE_PATH = join(BUNDLE_DIR, BUNDLE_ENTRY);

/** The release asset name of a target's binary. */
export function assetName(target: CompileTarget): string {
  return `caro-${target.name}${target.suffix}`;
}

/**
 * The `deno compile` arguments for one target: quiet (no start-up notes about
 * binaries absent from PATH), never prompting, the baked permissions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileArgs } from "./compile.ts";
 * import { COMPILE_TARGETS } from "../src/cli/permissions.ts";
 * const args = compileArgs(COMPILE_TARGETS[0], "dist");
 * assert(args.includes("x86_64-unknown-linux-gnu"));
 * ```
 */
export function compileArgs(target: CompileTarget, outDir: string): string[] {
  return [
    "compile",
    "--quiet",
    "--no-prompt",
    ...bakedPermissionFlags(target),
    "--target",
    target.triple,
    "--output",
    join(outDir, assetName(target)),
    BUNDLE_PATH,
  ];
}

/**
 * `SHA256SUMS` text (`<hex>  <name>` per line, sorted) for the given files.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checksumLines } from "./compile.ts";
 * const text = await checksumLines([{ name: "a", bytes: new Uint8Array() }]);
 * assert(text.startsWith("e3b0c442"));
 * ```
 */
export async function checksumLines(
  files: readonly { name: string; bytes: Uint8Array<ArrayBuffer> }[],
): Promise<string> {
  const lines = await Promise.all(
    [...files].sort((a, b) => a.name.localeCompare(b.name)).map(async ({ name, bytes }) => {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      return `${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}  ${name}\n`;
    }),
  );
  return lines.join("");
}

async function writeChecksums(outDir: string): Promise<void> {
  const names = COMPILE_TARGETS.map(assetName);
  const files = [];
  for (const name of names) {
    try {
      files.push({ name, bytes: await Deno.readFile(join(outDir, name)) });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  await Deno.writeTextFile(join(outDir, "SHA256SUMS"), await checksumLines(files));
}

async function main(args: string[]): Promise<number> {
  const wanted = args.includes("all")
    ? COMPILE_TARGETS
    : COMPILE_TARGETS.filter((t) => args.includes(t.name));
  if (wanted.length === 0) {
    Deno.stderr.writeSync(
      new TextEncoder().encode(
        `usage: compile.ts all | ${COMPILE_TARGETS.map((t) => t.name).join(" | ")}\n`,
      ),
    );
    return 2;
  }
  for (const target of wanted) {
    const { code } = await new Deno.Command(Deno.execPath(), { args: compileArgs(target, "dist") })
      .spawn().status;
    if (code !== 0) return code;
  }
  await writeChecksums("dist");
  return 0;
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
