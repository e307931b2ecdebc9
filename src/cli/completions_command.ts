/**
 * `caro completions <shell>` prints a completion script made by
 * `@bomb.sh/tab` from the live commander tree; `caro completions complete --
 * <words…>` (what those scripts call) prints the suggestions, one
 * `value<TAB>description` per line.
 *
 * @module
 */
import type { Command } from "commander";
import tab from "@bomb.sh/tab/commander";
import type { CliContext } from "./context.ts";
import { UsageError } from "../errors.ts";

/** The shells caro writes completion scripts for. */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** What the `completions` command needs: the command tree to describe. */
export interface CompletionsOptions {
  root: Command;
  /** Every operand given to `completions`, excess ones included (the words to complete). */
  operands: string[];
}

/**
 * Prints the completion script for `args[0]`, or, for `complete`, the
 * suggestions for the words that follow it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "commander";
 * import { runCompletionsCommand } from "./completions_command.ts";
 * import { envFrom } from "../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const ctx = { env: envFrom({}), stdout: sink, stderr: sink, stdinIsTerminal: false,
 *   now: Date.now, global: { json: false, healing: true, verbose: false } };
 * await runCompletionsCommand({ root: new Command("caro"), operands: ["bash"] }, ctx, ["bash"]);
 * assert(out.includes("complete -F"));
 * ```
 */
export function runCompletionsCommand(
  options: CompletionsOptions,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  const [shell] = args;
  const completion = tab(options.root);
  // The adapter also registers its own `complete` command on the tree; caro
  // answers through `completions complete`, so keep it out of suggestions.
  completion.commands.delete("complete");
  if (shell === "complete") {
    const words = options.operands.slice(1);
    ctx.stdout.write(captureConsoleLog(() => completion.parse(words)));
    return Promise.resolve(0);
  }
  if (!COMPLETION_SHELLS.includes(shell as typeof COMPLETION_SHELLS[number])) {
    throw new UsageError(
      `Cannot write completions for "${shell}": expected one of ${COMPLETION_SHELLS.join(", ")}`,
    );
  }
  const name = options.root.name();
  ctx.stdout.write(
    captureConsoleLog(() => completion.setup(name, `${name} completions`, shell)),
  );
  return Promise.resolve(0);
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
