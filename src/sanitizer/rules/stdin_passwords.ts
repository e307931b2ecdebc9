/**
 * Passwords fed to a command's standard input: `echo X | sudo -S …`,
 * `echo X | docker login --password-stdin`, `echo user:X | chpasswd`, and
 * here-strings (`sudo -S … <<< X`).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange, isPlaceholder } from "./scan.ts";
import { redactGroup } from "./secret_value.ts";

const HERE_STRING =
  /(?:sudo[ \t]+-S|--password-stdin|passwd[ \t][^\n|;]{0,40}--stdin|chpasswd|-S)[^\n|;]{0,80}?<<<[ \t]*(["']?)([^"'\s]{1,200})\1/dg;
const ECHO_PIPE =
  /(?<![\w-])(?:echo|printf)[ \t]{1,4}(?:-[neE]{1,3}[ \t]{1,4})?(["']?)([^"'\n|]{1,200})\1[ \t]*\|[ \t]*([^\n|;]{0,200})/dg;

/**
 * Redacts a password given as a here-string to a command that reads one.
 *
 * @example sudo -S
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { hereStringPass } from "./stdin_passwords.ts";
 * const board = new SpanBoard("sudo -S apt update <<< 'Xk2pq9Ln'");
 * hereStringPass(board);
 * assert.equal(board.render().text, "sudo -S apt update <<< '<PASSWORD>'");
 * ```
 */
export function hereStringPass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("<<<")) {
    eachMatch(HERE_STRING, text, (m) => redactGroup(board, m, 2, "password"));
  }
}

/**
 * Redacts a password echoed into a command that reads one from stdin.
 *
 * @example chpasswd keeps the user
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { echoPipePass } from "./stdin_passwords.ts";
 * const board = new SpanBoard("echo 'app:Xk2pq9Ln' | chpasswd");
 * echoPipePass(board);
 * assert.equal(board.render().text, "echo 'app:<PASSWORD>' | chpasswd");
 * ```
 */
export function echoPipePass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(ECHO_PIPE, text, (m) => {
    const sink = m[3];
    if (!/sudo[ \t].*-S|--password-stdin|--stdin|chpasswd|-S\b|passwd|login/.test(sink)) return;
    const value = m[2].trim();
    if (isPlaceholder(value) || /^\$/.test(value)) return;
    const [start] = groupRange(m, 2)!;
    const colon = /chpasswd/.test(sink) ? value.indexOf(":") + 1 : 0;
    const offset = m[2].indexOf(value) + colon;
    board.redact(start + offset, start + m[2].indexOf(value) + value.length, "password");
  });
}
