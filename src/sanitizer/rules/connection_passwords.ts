/**
 * Passwords in connection descriptors that carry no URL scheme: `.pgpass`
 * lines (`host:port:db:user:password`) and Oracle JDBC `user/password@`.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { redactGroup } from "./secret_value.ts";

/** A `.pgpass` line `host:port:db:user:password`. */
const PGPASS_LINE =
  /(?:^|\n)[ \t]*([^\s:#]{1,253}:(?:\d{1,5}|\*):[^\s:]{1,63}:[^\s:]{1,63}:)([^\s]{1,200})(?=[ \t]*(?:$|\n))/dg;
/**
 * Four hex groups before the password: a MAC or an IPv6 address
 * (`(87:22:94:0d:da:7e)`), whose tail is no password. The network pass takes it.
 */
const ADDRESS_FIELDS = /^[(\[{<"']?(?:[0-9A-Fa-f]{1,4}:){4}$/;
const ORACLE_JDBC = /jdbc:oracle:[a-z]{1,10}:([A-Za-z][A-Za-z0-9_$#]{0,63})\/([^@\s]{1,128})@/dg;

/**
 * Redacts `.pgpass` and Oracle JDBC passwords.
 *
 * @example A .pgpass line
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { connectionPasswordPass } from "./connection_passwords.ts";
 * const board = new SpanBoard("db01.internal:5432:app:app:Pq7$$25");
 * connectionPasswordPass(board);
 * assert.equal(board.render().text, "db01.internal:5432:app:app:<PASSWORD>");
 * ```
 */
export function connectionPasswordPass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("jdbc:oracle")) {
    eachMatch(ORACLE_JDBC, text, (m) => redactGroup(board, m, 2, "password"));
  }
  eachMatch(PGPASS_LINE, text, (m) => {
    if (ADDRESS_FIELDS.test(m[1]) || /^\d{1,5}$/.test(m[2])) return;
    redactGroup(board, m, 2, "password");
  });
}
