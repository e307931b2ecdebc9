/**
 * `caro report --export -` and `--submit -`: an exported report through
 * stdout and stdin, for a machine (or a binary) that may not name the file
 * itself (`caro report … --export - > /media/usb/report.json`). The export
 * code writes and reads files, so the bytes pass through a private file in
 * caro's own cache dir, removed afterwards.
 *
 * @module
 */
import type { CliContext } from "./context.ts";
import { caroDirs } from "../platform/dirs.ts";
import { join } from "../platform/path.ts";

/**
 * Runs `use` with a fresh path in caro's cache dir (not created), then
 * removes whatever was written there.
 *
 * @example The file is gone afterwards
 * ```ts
 * import assert from "node:assert/strict";
 * import { withPrivateFile } from "./report_stdio.ts";
 * import { memoryContext } from "./context.ts";
 * const { ctx } = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * const path = await withPrivateFile(ctx, async (file) => {
 *   await Deno.writeTextFile(file, "{}");
 *   return file;
 * });
 * await assert.rejects(Deno.stat(path), Deno.errors.NotFound);
 * ```
 */
export async function withPrivateFile<T>(
  ctx: CliContext,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = caroDirs(ctx.env, Deno.build.os).cache;
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `report-${crypto.randomUUID()}.json`);
  try {
    return await use(file);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}
