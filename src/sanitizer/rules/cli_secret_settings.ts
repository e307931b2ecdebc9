/**
 * Secrets set through a CLI by name: `npm|git|aws|gh config set NAME VALUE`,
 * `setx NAME VALUE`, `set -x NAME VALUE` for a secret-named NAME, and secret
 * stores' `--value` (`az keyvault secret set --value X`,
 * `aws ssm put-parameter … --value X --type SecureString`).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { categoryForName, classifyName, isSecretValue } from "./secret_names.ts";
import { partRange, redactPart, type ShellWord } from "./shell_tokens.ts";

/**
 * `config set NAME VALUE`, `git config NAME VALUE`, `setx NAME VALUE`,
 * `set -x NAME VALUE`: redacts VALUE when NAME is secret-named. `words` are the
 * words after the command.
 *
 * @example npm config set
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandLines } from "./shell_tokens.ts";
 * import { redactNameValueSetting } from "./cli_secret_settings.ts";
 * const board = new SpanBoard("npm config set auth-password Xk2pq9Ln");
 * redactNameValueSetting(board, commandLines(board.text, 0, board.text.length)[0].slice(1));
 * assert.equal(board.render().text, "npm config set auth-password <PASSWORD>");
 * ```
 */
export function redactNameValueSetting(board: SpanBoard, words: ShellWord[]): void {
  const verb = words.findIndex((w) => /^(?:set|config|setx)$/.test(w.value));
  if (verb === -1) return;
  const positionals = words.slice(verb + 1).filter((w) => !w.value.startsWith("-"));
  for (let k = 0; k + 1 < positionals.length; k++) {
    const name = positionals[k].value;
    if (name.includes("=")) continue;
    const kind = classifyName(name.replace(/^.*[:/]/, ""));
    const value = positionals[k + 1];
    if (kind !== null && isSecretValue(value.value, kind)) {
      const category = categoryForName(name, kind);
      const range = partRange(board.text, value, value.value);
      if (range) board.redact(range[0], range[1], category);
      return;
    }
  }
}

/**
 * `az keyvault secret set --value X`, `aws ssm put-parameter … --value X --type
 * SecureString`: redacts the `--value` of a secret store. `words` are the
 * words after the command.
 *
 * @example az keyvault
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandLines } from "./shell_tokens.ts";
 * import { redactSecretStoreValue } from "./cli_secret_settings.ts";
 * const board = new SpanBoard("az keyvault secret set --name db-password --value Xk2pq9Ln");
 * redactSecretStoreValue(board, commandLines(board.text, 0, board.text.length)[0].slice(1));
 * assert.equal(board.render().text, "az keyvault secret set --name db-password --value <PASSWORD>");
 * ```
 */
export function redactSecretStoreValue(board: SpanBoard, words: ShellWord[]): void {
  const store = words.some((w) =>
    /^(?:secret|secrets|SecureString|put-parameter|put-secret-value|--vault-name)$/.test(w.value)
  );
  if (!store) return;
  const name = words.findIndex((w) => w.value === "--name" || w.value === "--secret-id");
  const kind = name === -1 ? null : classifyName(words[name + 1]?.value.replace(/^.*\//, "") ?? "");
  const category = kind === "password" ? "password" : "secret_env";
  for (let k = 0; k + 1 < words.length; k++) {
    if (words[k].value !== "--value") continue;
    const value = words[k + 1];
    if (isSecretValue(value.value, "secret")) redactPart(board, value, value.value, category);
  }
}
