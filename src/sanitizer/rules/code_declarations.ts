/**
 * Secret literals in code shapes other than `NAME = VALUE`: a quoted key
 * holding blanks (`"facebook access_token": "…"`), a typed declaration
 * (`var apiToken string = "…"`, `token: str = "…"`), and a name and a value
 * as call arguments (`setProperty("API_TOKEN", "…")`), C++ direct
 * initialisation (`std::string secret("…")`).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachLeadMatch, eachMatch } from "./scan.ts";
import { categoryForName, classifyName } from "./secret_names.ts";
import { redactValue } from "./secret_value.ts";

/** A quoted key holding blanks (`{"facebook access_token": "…"}`). */
const QUOTED_KEY =
  /(["'])([A-Za-z_@][A-Za-z0-9_.\-]{0,40}(?: [A-Za-z0-9_.\-]{1,40}){1,3})\1[ \t]{0,4}(=>|=|:)[ \t]{0,4}(?=["'])/g;
/**
 * A typed declaration (`var apiToken string = "…"`, `token: str = "…"`); the
 * name is read in a lookbehind, so the search starts at the type (`eachLeadMatch`).
 */
const TYPED_DECLARATION =
  /(?<=(?<![\w$.-])([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]{1,4}(?::[ \t]{0,2})?)(?:string|String|str|\[\]byte|&str|char\*?)[ \t]{0,4}(?:=|:=)[ \t]{0,4}(?=["'`])/dg;
/**
 * A string variable initialised in place (C++ `std::string secret("…")`,
 * `QString token{"…"}`, Objective-C `NSString *apiKey = @"…"` is an assignment).
 */
const DIRECT_INITIALISATION =
  /(?<![\w$.])(?:std::)?(?:w?string|String|QString|CString|NSString[ \t]{0,2}\*|char[ \t]{0,2}\*|auto)[ \t]{1,4}\*?([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]{0,2}[({][ \t]{0,2}(?=@?["'])/g;
/** A name and a value as call arguments (`setProperty("API_TOKEN", "…")`, `getenv("api_token", "…")`). */
const NAME_VALUE_ARGUMENTS =
  /\([ \t]{0,4}(["'])([A-Za-z_][A-Za-z0-9_.\-]{0,80})\1[ \t]{0,4},[ \t]{0,4}(?=["'])/g;

/**
 * Redacts secret literals in declarations and name/value call arguments.
 *
 * @example A Go declaration and a Java call
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { codeDeclarationPass } from "./code_declarations.ts";
 * const board = new SpanBoard('var apiToken string = "9fQk2LmZx81aB"; setProperty("DB_PASSWORD", "Xk2pq9Ln")');
 * codeDeclarationPass(board);
 * assert.equal(board.render().text, 'var apiToken string = "<SECRET>"; setProperty("DB_PASSWORD", "<PASSWORD>")');
 * ```
 */
export function codeDeclarationPass(board: SpanBoard): void {
  const text = board.text;
  const literal = (name: string, at: number) => {
    const kind = classifyName(name);
    if (kind !== null && !board.isRedacted(at)) {
      redactValue(board, at, kind, categoryForName(name, kind), false);
    }
  };
  eachMatch(QUOTED_KEY, text, (m) => literal(m[2].replace(/ /g, "_"), m.index + m[0].length));
  eachLeadMatch(TYPED_DECLARATION, text, (m) => literal(m[1], m.index + m[0].length));
  if (/[({]/.test(text)) {
    eachMatch(DIRECT_INITIALISATION, text, (m) => literal(m[1], m.index + m[0].length));
  }
  if (text.includes("(")) {
    eachMatch(NAME_VALUE_ARGUMENTS, text, (m) => literal(m[2], m.index + m[0].length));
  }
}
