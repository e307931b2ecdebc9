/**
 * `caro completions <shell>` prints a completion script (src/cli/completion/);
 * `caro completions complete -- <words…>` (what those scripts call) prints
 * the suggestions from the live commander tree, one `value<TAB>description`
 * per line.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../../errors.ts";
import { COMPLETION_SHELLS, type CompletionShell } from "../completion/completion_shells.ts";

/**
 * `caro completions <shell>`: print a shell completion script (bash, zsh,
 * fish, powershell). The scripts call back `caro completions complete -- …`
 * for suggestions, answered from the live command tree.
 *
 * @example Its help names the shells
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["completions"]), /bash, zsh, fish or powershell/);
 * ```
 */
export function completionsCommand({ bind, command, root }: CommandKit): Command {
  const completions: Command = command("completions")
    .description("print a shell completion script (bash, zsh, fish, powershell)")
    .argument("<shell>", "bash, zsh, fish or powershell")
    .allowExcessArguments()
    .addHelpText(
      "after",
      examplesHelp([
        ['eval "$(caro completions bash)"', "in ~/.bashrc (no bash-completion package needed)"],
        ["caro completions zsh > ~/.zfunc/_caro", "zsh, with ~/.zfunc on fpath"],
        ["caro completions fish > ~/.config/fish/completions/caro.fish"],
        ["caro completions powershell >> $PROFILE"],
      ]),
    )
    .action(
      bind((_options, ctx, args) =>
        runCompletions({ root: root(), operands: completions.args }, ctx, args)
      ),
    );
  return completions;
}

/** What the `completions` command needs: the command tree to describe. */
export interface CompletionsOptions {
  /** The root of the tree to complete. */
  root: Command;
  /** Every operand given to `completions`, excess ones included (the words to complete). */
  operands: string[];
}

/**
 * Prints the completion script for `args[0]`, or, for `complete`, the
 * suggestions for the words that follow it (`value<TAB>description` lines).
 *
 * @example A bash script, and what it asks caro
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "commander";
 * import { runCompletions } from "./completions.ts";
 * import { memoryContext } from "../context.ts";
 * const root = new Command("caro");
 * root.command("doctor").description("diagnose");
 * const script = memoryContext();
 * await runCompletions({ root, operands: ["bash"] }, script.ctx, ["bash"]);
 * assert.match(script.stdout(), /complete -o default -F __caro_complete caro/);
 * const asked = memoryContext();
 * await runCompletions({ root, operands: ["complete", "do"] }, asked.ctx, ["complete", "do"]);
 * assert.equal(asked.stdout(), "doctor\tdiagnose\n");
 * ```
 */
export async function runCompletions(
  options: CompletionsOptions,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  const [shell] = args;
  if (shell === "complete") {
    const [{ completeWords }, schema] = await Promise.all([
      import("../completion/complete_words.ts"),
      import("../../protocol/report/schema.ts"),
    ]);
    // Flag values complete too; the lists live with the report schema, loaded only here.
    const values: Record<string, Record<string, readonly string[]>> = {
      report: {
        "--failure-type": schema.FAILURE_TYPES,
        "--stage": schema.PIPELINE_STAGES,
        "--backend": schema.BACKEND_TYPES,
        "--intent": schema.INTENT_CATEGORIES,
      },
    };
    for (const command of options.root.commands) {
      for (const option of command.options) {
        const choices = values[command.name()]?.[option.long ?? ""];
        if (choices) option.choices(choices);
      }
      if (command.name() === "completions") {
        command.registeredArguments[0].choices(COMPLETION_SHELLS);
      }
    }
    const candidates = completeWords(options.root, options.operands.slice(1));
    ctx.stdout.write(candidates.map((c) => `${c.value}\t${c.description}\n`).join(""));
    return 0;
  }
  if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(
      `Cannot write completions for "${shell}": expected one of ${COMPLETION_SHELLS.join(", ")}`,
    );
  }
  const { completionScript } = await import("../completion/completion_scripts.ts");
  const script = completionScript(shell as CompletionShell, options.root.name());
  ctx.stdout.write(ctx.global.json ? `${JSON.stringify({ shell, script })}\n` : script);
  return 0;
}
