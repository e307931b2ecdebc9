/**
 * Secret-named command-line flags: `--api-key=X`, `--token X`,
 * `-password X`, and Windows `/p:X`, `/pass:X`. A `--password` followed by a
 * plain lower-case word after `mysql` is a database (MySQL's `--password`
 * takes no separate value).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { categoryForName, classifyName } from "./secret_names.ts";
import { lineBefore, redactValue } from "./secret_value.ts";

const FLAG = /(?<![\w-])(--?|\/)([A-Za-z][A-Za-z0-9_.-]{1,60})(=|:|[ \t]{1,4})(?=\S)/g;
const MYSQL_BEFORE =
  /(?:^|[\s"'`(])(?:mysql|mariadb|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck)\b/;

/**
 * Redacts the values of secret-named flags.
 *
 * @example A token flag and a Windows password switch
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { secretFlagPass } from "./secret_flags.ts";
 * const board = new SpanBoard("deploy --api-key=9fQk2LmZx81aB; net use /pass:Xk2pq9Ln");
 * secretFlagPass(board);
 * assert.equal(board.render().text, "deploy --api-key=<SECRET:auth>; net use /pass:<PASSWORD>");
 * ```
 */
export function secretFlagPass(board: SpanBoard): void {
  const text = board.text;
  let valueUntil = 0;
  eachMatch(FLAG, text, (m) => {
    // A flag inside the bare value just read (`-pw:a,-pw:b…`) is part of that
    // value; reading it again would make the pass quadratic in such a run.
    if (m.index < valueUntil) return;
    const name = m[2];
    if (m[1] === "-" && name.length < 3) return;
    if (m[1] === "/" && !/^(?:p|pw|pwd|pass|password|passwd|rp|token|key)$/i.test(name)) return;
    if (m[1] === "/" && m[3] !== ":") return;
    const kind = m[1] === "/" ? "password" : classifyName(name);
    if (kind === null) return;
    const category = /^(?:token|auth-token|access-token|bearer-token|oauth2-bearer)$/i.test(name)
      ? "auth_header"
      : categoryForName(name, kind);
    if (m[3] !== "=" && m[3] !== ":" && text[m.index + m[0].length] === "-") return;
    // MySQL's `--password` takes no separate value: a plain next word is the database.
    if (
      /^[ \t]/.test(m[3]) && /^pass/i.test(name) &&
      /^[a-z_][a-z0-9_]*(?:\s|$)/.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 65),
      ) &&
      MYSQL_BEFORE.test(lineBefore(text, m.index))
    ) return;
    const valueStart = m.index + m[0].length;
    const range = redactValue(board, valueStart, kind, category, false);
    if (range && !/["'`]/.test(text[valueStart] ?? "")) valueUntil = range[1];
  });
}
