/**
 * `caro forget CASE_ID`: the CLI face of `forgetCase`. Works whatever the
 * consent settings: erasing is always allowed. Prints
 * `forgot <case_id> (1 report erased)` (`<n> reports` for other counts) or, with `--json`,
 * `{"status":"forgotten","case_id":…,"reports":[…]}`.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../../errors.ts";
import { counted } from "../../platform/plural.ts";

/**
 * `caro forget`: erase a case's reports from the service and every local trace of them.
 *
 * @example Its help names the argument
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["forget"]), /<case-id>/);
 * ```
 */
export function forgetCommand({ bind, command }: CommandKit): Command {
  return command("forget")
    .description("erase a case's reports from the service and every local trace of them")
    .argument("<case-id>", "the case, as caro cases lists it (e.g. CARO-2026-0042)")
    .addHelpText(
      "after",
      examplesHelp([["caro forget CARO-2026-0042", "erase your reports of that case everywhere"]]),
    )
    .action(bind(runForget));
}

/**
 * Runs `caro forget` and returns its exit code.
 *
 * @example A usage error without exactly one case id
 * ```ts
 * import assert from "node:assert/strict";
 * import { runForget } from "./forget.ts";
 * import { memoryContext } from "../context.ts";
 * await assert.rejects(runForget({}, memoryContext().ctx, []), /exactly one case id/);
 * ```
 */
export async function runForget(
  _options: unknown,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  if (args.length !== 1) throw new UsageError("give exactly one case id: caro forget CASE_ID");
  const [{ loadHealingSettings }, { forgetCase }] = await Promise.all([
    import("../../healing/settings/load_healing_settings.ts"),
    import("../../healing/cases/forget_case.ts"),
  ]);
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
    ctx.stdout.write(
      `forgot ${result.caseId} (${counted(result.erased.length, "report")} erased)\n`,
    );
  }
  return 0;
}
