/**
 * Secret-named assignments in every syntax that writes `NAME op VALUE`:
 * shell `export`, `.env`, YAML and JSON keys, TOML, PowerShell `$env:`,
 * `:=`, `=>`, and comparisons or appending operators with a quoted literal
 * (`if (db_pass !== "…")`, `$t .= "…"`). Non-secret values (`TOKEN_TTL=3600`,
 * `KEY_FILE=/run/…`, placeholders) stay: the value must look secret.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { categoryForName, classifyName } from "./secret_names.ts";
import { redactValue } from "./secret_value.ts";

const ASSIGNMENT =
  /(?<![A-Za-z0-9_.\/\\-]|[\w$]\$)(["']?)([A-Za-z_@][A-Za-z0-9_.\-]{0,80})\1[ \t]{0,4}(===|!==|==|!=|\.=|\?\?=|\|\|=|\+=|=>|:=|=|:)(?![=\/])[ \t]{0,4}/g;

/**
 * Redacts the values of secret-named assignments.
 *
 * @example An export and a YAML key; a TTL stays
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { secretAssignmentPass } from "./secret_assignments.ts";
 * const board = new SpanBoard("export PGPASSWORD=Xk2pq9Ln TOKEN_TTL=3600\napi_key: 9fQk2LmZx81aB");
 * secretAssignmentPass(board);
 * assert.equal(board.render().text, "export PGPASSWORD=<PASSWORD> TOKEN_TTL=3600\napi_key: <SECRET>");
 * ```
 */
export function secretAssignmentPass(board: SpanBoard): void {
  const text = board.text;
  let valueUntil = 0;
  eachMatch(ASSIGNMENT, text, (m) => {
    // A name inside the bare value just read (`A=B=C…`) is part of that value.
    if (m.index < valueUntil) return;
    const name = m[2];
    const kind = /^(?:Set-)?Cookie$/i.test(name) ? null : classifyName(name);
    if (kind === null) return;
    if (board.isRedacted(m.index)) return;
    // A comparison or an appending operator takes a quoted literal only.
    if (
      /^(?:===|!==|==|!=|\.=|\?\?=|\|\|=|\+=)$/.test(m[3]) &&
      !/["'`]/.test(text[m.index + m[0].length] ?? "")
    ) {
      return;
    }
    // `arn:aws:secretsmanager:us-east-1:…` is an identifier, not `secretsmanager: VALUE`.
    if (
      m[3] === ":" && /arn:aws[a-z-]{0,12}:$/.test(text.slice(Math.max(0, m.index - 20), m.index))
    ) {
      return;
    }
    const valueStart = m.index + m[0].length;
    const restOfLine = m[3] === ":" && /(?:^|\n)[ \t]*(?:-[ \t]+)?["']?$/.test(
      text.slice(Math.max(0, m.index - 100), m.index),
    );
    const range = redactValue(board, valueStart, kind, categoryForName(name, kind), restOfLine);
    if (range && !restOfLine && !/["'`]/.test(text[valueStart] ?? "")) valueUntil = range[1];
  });
}
