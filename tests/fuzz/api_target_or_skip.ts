/**
 * The API fuzz target for the suite, or `undefined` (with a clear notice on
 * stderr) while the service is not in this checkout yet.
 *
 * @module
 */
import { serviceIsPresent } from "../../tools/service_process.ts";
import { type ApiTarget, startApiTarget } from "../../tools/fuzz/targets/api_target.ts";

/**
 * Starts the `api` target when `src/service/main.ts` exists.
 *
 * @example
 * ```ts ignore
 * import { apiTargetOrSkip } from "./api_target_or_skip.ts";
 * const target = await apiTargetOrSkip();
 * await target?.close();
 * ```
 */
export async function apiTargetOrSkip(): Promise<ApiTarget | undefined> {
  if (await serviceIsPresent()) return await startApiTarget();
  Deno.stderr.writeSync(
    new TextEncoder().encode(
      "SKIPPED api fuzzing: the healing service (src/service/main.ts) is not in this checkout yet\n",
    ),
  );
  return undefined;
}
