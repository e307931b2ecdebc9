/**
 * `caro forget CASE_ID`: the CLI face of {@link forgetCase}. Works whatever
 * the consent settings: erasing is always allowed. Prints
 * `forgot <case_id> (<n> report(s) erased)` or, with `--json`,
 * `{"status":"forgotten","case_id":…,"reports":[…]}`.
 *
 * @module
 */
import type { CliContext } from "../cli/context.ts";
import { UsageError } from "../errors.ts";
import { loadHealingSettings } from "./config/load_healing_settings.ts";
import { forgetCase } from "./forget_case.ts";

/**
 * Runs `caro forget` and returns its exit code.
 *
 * @example
 * ```ts ignore
 * const code = await runForgetCommand({}, ctx, ["CARO-2026-0042"]);
 * ```
 */
export async function runForgetCommand(
  _options: Record<string, never>,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  if (args.length !== 1) throw new UsageError("give exactly one case id: caro forget CASE_ID");
  const { dirs, settings } = await loadHealingSettings(ctx.env, ctx.stderr);
  const result = await forgetCase({
    caseId: args[0],
    dataDir: dirs.data,
    endpoint: settings.endpoint.value,
    now: ctx.now,
  });
  if (ctx.global.json) {
    ctx.stdout.write(
      JSON.stringify({ status: "forgotten", case_id: result.caseId, reports: result.erased }) +
        "\n",
    );
  } else {
    const count = result.erased.length;
    ctx.stdout.write(`forgot ${result.caseId} (${count} report${count === 1 ? "" : "s"} erased)\n`);
  }
  return 0;
}
