/**
 * Passwords passed to known statements and library calls: SQL
 * `IDENTIFIED BY '…'` / `PASSWORD '…'`, Python `auth=("user", "pass")` and
 * `HTTPBasicAuth(…)` (a personal user too), PowerShell
 * `ConvertTo-SecureString '…'`.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { redactGroup } from "./secret_value.ts";
import { isServiceAccount } from "./accounts.ts";

const SQL_PASSWORD =
  /(?<![\w"'.-])(?:IDENTIFIED[ \t]{1,4}(?:WITH[ \t]{1,4}\w{1,40}[ \t]{1,4})?BY|PASSWORD)(?:[ \t]{1,4}|[ \t]{0,4}=[ \t]{0,4}|\()(['"])([^'"\n]{1,200})\1/dgi;
/** `auth=("user", "pass")`, `HTTPBasicAuth('user', 'pass')`, `BasicAuth("user", "pass")`. */
const AUTH_TUPLE =
  /(?:\bauth[ \t]{0,2}=[ \t]{0,2}[(\[]|\b(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|basic_auth)[ \t]{0,2}\()[ \t]{0,2}(["'])([^"'\n]{1,64})\1[ \t]{0,2},[ \t]{0,2}(["'])([^"'\n]{1,200})\3/dg;
const SECURE_STRING =
  /ConvertTo-SecureString[ \t]{1,4}(?:-String[ \t]{1,4})?(['"])([^'"\n]{1,200})\1/dgi;

/**
 * Redacts SQL `IDENTIFIED BY '…'` and `PASSWORD '…'` literals.
 *
 * @example CREATE USER
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { sqlPasswordPass } from "./password_arguments.ts";
 * const board = new SpanBoard("CREATE USER app IDENTIFIED BY 'Xk2pq9Ln';");
 * sqlPasswordPass(board);
 * assert.equal(board.render().text, "CREATE USER app IDENTIFIED BY '<PASSWORD>';");
 * ```
 */
export function sqlPasswordPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(SQL_PASSWORD, text, (m) => redactGroup(board, m, 2, "password"));
}

/**
 * Redacts the password (and a personal user) of `auth=(user, pass)` tuples and basic-auth calls.
 *
 * @example Python requests
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { authTuplePass } from "./password_arguments.ts";
 * const board = new SpanBoard('requests.get(url, auth=("admin", "Xk2pq9Ln"))');
 * authTuplePass(board);
 * assert.equal(board.render().text, 'requests.get(url, auth=("admin", "<PASSWORD>"))');
 * ```
 */
export function authTuplePass(board: SpanBoard): void {
  const text = board.text;
  if (/auth/i.test(text)) {
    eachMatch(AUTH_TUPLE, text, (m) => {
      redactGroup(board, m, 4, "password");
      if (!isServiceAccount(m[2])) redactGroup(board, m, 2, "username");
    });
  }
}

/**
 * Redacts the literal of PowerShell `ConvertTo-SecureString`.
 *
 * @example A plain-text secure string
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { secureStringPass } from "./password_arguments.ts";
 * const board = new SpanBoard('ConvertTo-SecureString "Xk2pq9Ln" -AsPlainText -Force');
 * secureStringPass(board);
 * assert.equal(board.render().text, 'ConvertTo-SecureString "<PASSWORD>" -AsPlainText -Force');
 * ```
 */
export function secureStringPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(SECURE_STRING, text, (m) => redactGroup(board, m, 2, "password"));
}
