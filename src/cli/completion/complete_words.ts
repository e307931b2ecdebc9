/**
 * What a shell completion offers for a command line, answered from the live
 * commander tree: subcommands, flags (the root's global ones anywhere), a
 * flag's values and an argument's values (their `choices`).
 *
 * @module
 */
import type { Command, Option } from "commander";

/** One suggestion: the word, and a short description (may be empty). */
export interface Candidate {
  value: string;
  description: string;
}

/**
 * The candidates for the last of `words` (the words after the program
 * name; the last one is the word being completed, possibly empty). A word
 * of only spaces counts as empty (Windows PowerShell drops empty arguments).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "commander";
 * import { completeWords } from "./complete_words.ts";
 * const root = new Command("caro").option("--json", "as JSON");
 * root.command("queue").description("the queue").command("flush").description("send now");
 * root.command("report").option("--stage <stage>", "where").addOption(
 *   root.createOption("--backend <name>", "which").choices(["ollama", "mlx"]),
 * );
 * const values = (words: string[]) => completeWords(root, words).map((c) => c.value);
 * assert.deepEqual(values(["qu"]), ["queue"]);
 * assert.deepEqual(values(["queue", "f"]), ["flush"]);
 * assert.deepEqual(values(["report", "--backend", ""]), ["ollama", "mlx"]);
 * assert.deepEqual(values(["report", "--backend=o"]), ["--backend=ollama"]);
 * assert.deepEqual(values(["report", "--j"]), ["--json"]);
 * ```
 */
export function completeWords(root: Command, words: readonly string[]): Candidate[] {
  const typed = words.slice(0, -1);
  const current = (words.at(-1) ?? "").trim() === "" ? "" : words.at(-1)!;
  let command = root;
  let operands = 0; // of `command`, typed so far
  let afterDashes = false;
  for (let i = 0; i < typed.length; i++) {
    const word = typed[i];
    const subcommand = subcommandNamed(command, word);
    if (afterDashes || !word.startsWith("-")) {
      if (subcommand && !afterDashes && operands === 0) command = subcommand;
      else operands++;
    } else if (word === "--") afterDashes = true;
    else if (!word.includes("=") && takesValue(optionNamed(root, command, word))) i++;
  }
  const previous = afterDashes ? undefined : optionNamed(root, command, typed.at(-1) ?? "");
  if (takesValue(previous) && !(typed.at(-1) ?? "").includes("=")) {
    return matching(choices(previous), current);
  }
  if (!afterDashes && current.startsWith("-")) {
    const equals = current.indexOf("=");
    if (equals > 0) {
      const option = optionNamed(root, command, current.slice(0, equals));
      const prefix = current.slice(0, equals + 1);
      return matching(choices(option), current.slice(equals + 1))
        .map((c) => ({ ...c, value: prefix + c.value }));
    }
    return matching(optionsOf(root, command), current);
  }
  const subcommands = command.commands.map((c) => ({
    value: c.name(),
    description: c.description(),
  }));
  // `caro help <command>` (operands counted: after `help`, the commands again).
  if (command === root && operands === 0) {
    subcommands.push({ value: "help", description: "help for a command" });
  }
  return matching([...subcommands, ...choices(command.registeredArguments[operands])], current);
}

function matching(candidates: Candidate[], prefix: string): Candidate[] {
  return candidates.filter((c) => c.value.startsWith(prefix));
}

function subcommandNamed(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/** The visible options of `command`, then the root's (global) ones. */
function visibleOptions(root: Command, command: Command): Option[] {
  const own = command === root ? [] : command.options;
  return [...own, ...root.options].filter((option) => !option.hidden);
}

function optionNamed(root: Command, command: Command, word: string): Option | undefined {
  return visibleOptions(root, command).find((o) => o.long === word || o.short === word);
}

function takesValue(option: Option | undefined): option is Option {
  return option !== undefined && (option.required || option.optional);
}

/** The values an option or argument allows (its `choices`), as candidates. */
function choices(taking: { argChoices?: string[] } | undefined): Candidate[] {
  return (taking?.argChoices ?? []).map((value) => ({ value, description: "" }));
}

function optionsOf(root: Command, command: Command): Candidate[] {
  const options = visibleOptions(root, command).map((o) => ({
    value: o.long ?? o.short ?? "",
    description: o.description,
  }));
  return [...options, { value: "--help", description: "display help for command" }];
}
