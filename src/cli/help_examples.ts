/**
 * The EXAMPLES section every command's help ends with (gh's help is the
 * model): real command lines a person can copy, each with what it does.
 *
 * @module
 */

/**
 * The text `addHelpText("after", …)` appends: a blank line, `Examples:`,
 * then `  $ caro …` lines, each followed by what it does when given.
 *
 * @example Two examples
 * ```ts
 * import assert from "node:assert/strict";
 * import { examplesHelp } from "./help_examples.ts";
 * assert.equal(
 *   examplesHelp([["caro doctor", "check this machine"], ["caro doctor -v"]]),
 *   "\nExamples:\n  # check this machine\n  $ caro doctor\n\n  $ caro doctor -v\n",
 * );
 * ```
 */
export function examplesHelp(examples: readonly (readonly [string, string?])[]): string {
  const blocks = examples.map(([line, what]) => `${what ? `  # ${what}\n` : ""}  $ ${line}\n`);
  return `\nExamples:\n${blocks.join("\n")}`;
}
