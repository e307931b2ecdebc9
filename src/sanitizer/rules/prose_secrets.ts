/**
 * Secrets stated in prose: "set|export|change|use NAME to|as|= VALUE" for a
 * secret-named NAME, and a value after a secret word ("my db password is X",
 * "token: X", "basic auth header X", "client secret X", "credentials X").
 * After a plain secret word the value must look like a password (a digit, a
 * symbol or inner capitals) unless the sentence states it ("is", "=", "to");
 * common words ("the password is wrong") never count.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { categoryForName, classifyName, isSecretValue, type SecretKind } from "./secret_names.ts";
import { redactValue } from "./secret_value.ts";
import { bareValueEnd } from "./value_end.ts";

/** "set NAME to VALUE", "export NAME as VALUE", "set the NAME environment variable to VALUE" in prose. */
const PROSE_SET =
  /\b(?:set|Set|export|Export|change|Change|update|Update|use|Use)[ \t]{1,4}(?:the[ \t]{1,4})?(?:(?:env(?:ironment)?[ \t]{1,4})?var(?:iable)?[ \t]{1,4})?[`'"]?([A-Za-z_][A-Za-z0-9_.-]{1,80})[`'"]?[ \t]{1,4}(?:(?:env(?:ironment)?[ \t]{1,4})?var(?:iable)?[ \t]{1,4})?(?:to|as|=)[ \t]{1,4}/g;
const KEYWORD_VALUE =
  /(?<![\w-])(password|passphrase|pass|pwd|psk|wifi-sec\.psk|pin|token|api[ _-]?key|secret|access key|secret key|(?:basic[ -]auth(?:entication)?|auth(?:orization)?|bearer)[ -](?:header|token|credentials?)|client secret|signing (?:key|secret)|webhook secret|credentials?)(?:[ \t]{1,4}(?:for|of)[ \t]{1,4}[^\s]{1,40}(?:[ \t]{1,4}[^\s]{1,40})?)?(?:[ \t]{1,4}(?:is|was|of|=|:|to|as|set to|should be|is set to))?[ \t]{1,4}/gi;
const STOP_WORDS = new Set([
  "default",
  "blank",
  "empty",
  "something",
  "anything",
  "nothing",
  "same",
  "previous",
  "old",
  "new",
  "expire",
  "never",
  "unset",
  "wrong",
  "correct",
  "right",
  "ok",
  "fine",
  "working",
  "changed",
  "stored",
  "saved",
  "missing",
  "needed",
  "too",
  "not",
  "also",
  "still",
  "being",
  "is",
  "was",
  "for",
  "to",
  "the",
  "of",
  "and",
  "or",
  "when",
  "field",
  "prompt",
  "authentication",
  "auth",
  "manager",
  "reset",
  "policy",
  "expired",
  "incorrect",
  "invalid",
  "required",
  "file",
  "with",
  "from",
  "in",
  "on",
  "a",
  "an",
  "that",
  "this",
  "it",
  "be",
  "not",
  "has",
  "have",
  "change",
  "changed",
  "again",
  "please",
  "using",
  "via",
  "protected",
  "less",
  "based",
  "login",
  "store",
  "stdin",
  "env",
  "variable",
  "set",
  "must",
  "should",
  "will",
  "can",
  "needs",
  "if",
]);

/**
 * Redacts VALUE in "set NAME to VALUE" when NAME is secret-named.
 *
 * @example A prose instruction
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { proseSetPass } from "./prose_secrets.ts";
 * const board = new SpanBoard("set DB_PASSWORD to Xk2pq9Ln and retry");
 * proseSetPass(board);
 * assert.equal(board.render().text, "set DB_PASSWORD to <PASSWORD> and retry");
 * ```
 */
export function proseSetPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(PROSE_SET, text, (m) => {
    const kind = classifyName(m[1]);
    if (kind !== null) {
      redactValue(board, m.index + m[0].length, kind, categoryForName(m[1], kind), false);
    }
  });
}

/**
 * Redacts the value after a secret word in prose.
 *
 * @example A stated password; a sentence about a password stays
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { proseKeywordPass } from "./prose_secrets.ts";
 * const board = new SpanBoard("my db password is hunter22, the password is wrong");
 * proseKeywordPass(board);
 * assert.equal(board.render().text, "my db password is <PASSWORD>, the password is wrong");
 * ```
 */
export function proseKeywordPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(KEYWORD_VALUE, text, (m) => {
    const word = m[1].toLowerCase();
    const kind: SecretKind = /pass|psk|pin/.test(word) ? "password" : "weak";
    let start = m.index + m[0].length;
    // Quoted, maybe after a string-literal prefix (`r"…"`, `@"…"`).
    const quoted = /^((?:@|L|u8|u|U|r|b|R)?)(['"`])([^'"`\n]{1,200})\2/.exec(
      text.slice(start, start + 205),
    );
    if (quoted) start += quoted[1].length + 1;
    // Bare, it ends as any bare value (`value_end.ts`): "is Ab3,dEf6" is one
    // value, "is hunter22, the" is not.
    const token = quoted
      ? quoted[3]
      : text.slice(start, Math.min(bareValueEnd(text, start), start + 200));
    if (token === "" || token.startsWith("-")) return;
    const value = quoted ? token : token.replace(/[.,:?]+$/, "");
    if (board.hasRedaction(start, start + value.length)) return;
    if (STOP_WORDS.has(value.toLowerCase()) || !isSecretValue(value, kind)) return;
    // "my password is X" states it: any word will do. Otherwise the value
    // must look like a password (a digit, a symbol or inner capitals).
    const stated = quoted !== null || /(?:\bis|\bwas|[=:]|\bto|\bbe)[ \t]*$/.test(m[0]);
    const strong = stated || /\d|[^A-Za-z]/.test(value) || /[A-Z]/.test(value.slice(1));
    if (kind === "password" && (!strong || (word === "pin" && !/^\d{4,8}$/.test(value)))) return;
    board.redact(start, start + value.length, kind === "password" ? "password" : "secret_env");
  });
}
