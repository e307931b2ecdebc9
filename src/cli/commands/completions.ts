/**
 * `caro completions <shell>` prints a completion script made by
 * `@bomb.sh/tab` from the live commander tree; `caro completions complete --
 * <words…>` (what those scripts call) prints the suggestions, one
 * `value<TAB>description` per line.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../../errors.ts";

/** The shells caro writes completion scripts for. */
export const COMPLETION_SHELLS: readonly ["bash", "zsh", "fish", "powershell"] = [
  "bash",
  "zsh",
  "fish",
  "powershell",
];

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
 * suggestions for the words that follow it.
 *
 * @example A bash script
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "commander";
 * import { runCompletions } from "./completions.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext();
 * await runCompletions({ root: new Command("caro"), operands: ["bash"] }, run.ctx, ["bash"]);
 * assert.match(run.stdout(), /complete -F/);
 * ```
 */
export async function runCompletions(
  options: CompletionsOptions,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  const [shell] = args;
  const [{ default: tab }, schema] = await Promise.all([
    import("@bomb.sh/tab/commander"),
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
    if (command.name() === "completions") command.registeredArguments[0].choices(COMPLETION_SHELLS);
  }
  const completion = tab(options.root);
  // The adapter also registers its own `complete` command on the tree; caro
  // answers through `completions complete`, so keep it out of suggestions.
  completion.commands.delete("complete");
  if (shell === "complete") {
    const words = options.operands.slice(1);
    ctx.stdout.write(captureConsoleLog(() => completion.parse(words)));
    return 0;
  }
  if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(
      `Cannot write completions for "${shell}": expected one of ${COMPLETION_SHELLS.join(", ")}`,
    );
  }
  const name = options.root.name();
  const script = captureConsoleLog(() => completion.setup(name, `${name} completions`, shell));
  const text = shell === "bash" ? withoutBashCompletionPackage(script) : script;
  ctx.stdout.write(ctx.global.json ? `${JSON.stringify({ shell, script: text })}\n` : text);
  return 0;
}

/**
 * The bash script without `_get_comp_words_by_ref`, which only the
 * bash-completion package defines (a bare bash says "command not found"):
 * the same four variables from bash's own `COMP_WORDS` and `COMP_CWORD`.
 */
function withoutBashCompletionPackage(script: string): string {
  const call = '_get_comp_words_by_ref -n "=:" cur prev words cword';
  if (!script.includes(call)) throw new Error("the bash completion script changed; update caro");
  return script.replace(
    call,
    'cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; ' +
      'words=("${COMP_WORDS[@]:0:COMP_CWORD+1}"); cword=$COMP_CWORD',
  );
}

/**
 * `@bomb.sh/tab` writes with `console.log`; caro writes through its sinks,
 * so the text is captured for the duration of one synchronous call.
 */
function captureConsoleLog(write: () => void): string {
  const lines: string[] = [];
  const original = globalThis.console.log;
  globalThis.console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    write();
  } finally {
    globalThis.console.log = original;
  }
  return lines.map((line) => `${line}\n`).join("");
}
