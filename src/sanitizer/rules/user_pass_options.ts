/**
 * `user:pass` after `-u`/`--user`/`-U`/`--proxy-user`/`--auth`/`--credentials`
 * of any command (also `-u ":pw"`, and `-u "KEY:"` where the user is a key),
 * and `-p VALUE` of any command that names a user on the same line. Numeric
 * `uid:gid`, service accounts and placeholder pairs (`user:password`) stay.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { isPlaceholder } from "./scan.ts";
import { redactPart, type ShellWord } from "./shell_tokens.ts";
import { isServiceAccount } from "./accounts.ts";

/** `-u user:pass`, `--user=user:pass` of any command. */
const USER_FLAGS = new Set([
  "-u",
  "--user",
  "-U",
  "--proxy-user",
  "--auth",
  "--basic-auth",
  "--credentials",
  "--creds",
]);

/**
 * `-u user:pass`, `-u ":pass"`, `-u "KEY:"` (a key as the user) and `--user=u:p`
 * after any command; `-p VALUE` when the same line names a user. Numeric
 * pairs (`-u 1000:1000`), service accounts (`-u www-data:www-data`) and
 * placeholder pairs (`user:password`) are left alone.
 *
 * @example Any CLI's -u, and a uid:gid pair
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandLines } from "./shell_tokens.ts";
 * import { redactUserPassOptions } from "./user_pass_options.ts";
 * const board = new SpanBoard("grpcurl -u ada:Xk2pq9Ln host docker run -u 1000:1000 img");
 * redactUserPassOptions(board, commandLines(board.text, 0, board.text.length)[0]);
 * assert.equal(board.render().text, "grpcurl -u ada:<PASSWORD> host docker run -u 1000:1000 img");
 * ```
 */
export function redactUserPassOptions(board: SpanBoard, words: ShellWord[]): void {
  let user = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k].value;
    if (w[0] !== "-") continue; // every user flag is an option
    const eq = w.indexOf("=");
    const flag = eq > 0 && w.startsWith("--") ? w.slice(0, eq) : w;
    if (!USER_FLAGS.has(flag) && !/^--?(?:user(?:name)?|login)$/.test(flag)) continue;
    user = true;
    const word = eq > 0 && w.startsWith("--") ? words[k] : words[k + 1];
    if (!word) continue;
    const value = eq > 0 && w.startsWith("--") ? w.slice(eq + 1) : word.value;
    const colon = value.indexOf(":");
    if (colon === -1 || /^\$|^\{\{|^<|^\[/.test(value)) continue;
    const name = value.slice(0, colon);
    const pass = value.slice(colon + 1);
    if (/^\d*$/.test(name) && /^\d*$/.test(pass)) continue;
    if (isPlaceholderPair(name, pass)) {
      board.keep(word.start, word.end);
      continue;
    }
    if (isServiceAccount(pass)) continue;
    if (pass.length > 0) {
      if (!isPlaceholder(pass) && !/^\$|^\{\{/.test(pass)) {
        redactPart(board, word, pass, "password");
      }
    } else if (
      name.length >= 8 && /\d/.test(name) && /[A-Za-z]/.test(name) && !isPlaceholder(name)
    ) {
      redactPart(board, word, name, "password");
    }
  }
  if (!user) return;
  for (let k = 0; k + 1 < words.length; k++) {
    if (words[k].value !== "-p" && words[k].value !== "--pass") continue;
    const next = words[k + 1];
    if (/^-|^\d{1,5}$|^[.\/~]/.test(next.value) || isPlaceholder(next.value)) continue;
    // `mysql -u root -p mydb` prompts: a plain word is the next argument, not a password.
    if (!/\d|[^\w-]|[A-Z]/.test(next.value)) continue;
    redactPart(board, next, next.value, "password");
  }
}

/**
 * `user:password`, `username:pwd`, `account-SID:account-token`: both halves generic words.
 *
 * @example A placeholder pair and a real one
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPlaceholderPair } from "./user_pass_options.ts";
 * assert(isPlaceholderPair("username", "password") && !isPlaceholderPair("ada", "Xk2pq9Ln"));
 * ```
 */
export function isPlaceholderPair(name: string, pass: string): boolean {
  return /^(?:[A-Za-z]{1,12}[-_])?(?:user(?:name)?|login|name|id|sid|account|email|client|key)$/i
    .test(name) &&
    /^(?:[A-Za-z]{1,12}[-_])?(?:pass(?:word)?|pwd|secret|token|key)$/i.test(pass);
}
