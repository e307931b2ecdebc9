/**
 * The shells `caro completions` writes scripts for (a list of its own, so
 * that the command's definition loads no script).
 *
 * @module
 */

/** The shells caro writes completion scripts for. */
export const COMPLETION_SHELLS: readonly ["bash", "zsh", "fish", "powershell"] = [
  "bash",
  "zsh",
  "fish",
  "powershell",
];

/** One of {@link COMPLETION_SHELLS}. */
export type CompletionShell = typeof COMPLETION_SHELLS[number];
