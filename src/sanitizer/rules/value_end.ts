/**
 * Where a bare (unquoted) secret value ends. A blank, a quote or a bracket
 * always ends it. `;`, `&`, `|` and `,` end it only when they clearly
 * separate it from what follows; otherwise they are characters of the value
 * (`Tr0ub4dor&3xK9!q`, `Ab3,dEf6gHi9jKl`, `Ab3;dEf6`, `Ab3|dEf6`), and the
 * policy wants the whole value covered: a redaction that stops at the first
 * `&` sends the rest in clear.
 *
 * A separator separates when it is followed by
 *
 * - a blank, a quote, a closing bracket or the end of the text
 *   (`password=x, then`, `cmd; next`, `a | b`, `Pwd=x;"`): prose and shell
 *   keep their following words;
 * - the same character (`&&`, `||`, `;;`, `,,`): a shell operator;
 * - a `name=` parameter, maybe after `&amp;` or flag dashes
 *   (`?password=abc&user=x`, `Password=p;Server=db`, `pw=x,user=y`,
 *   `;--token=…`): a URL query, a connection string or a list of settings.
 *
 * The price of that last rule: a password holding `&name=` itself
 * (`Tr0ub&x=1`) keeps its tail; a value glued to a command without a blank
 * (`PW=abc;echo ok`) takes the command with it. Both err the way the policy
 * prefers.
 *
 * @module
 */

/** A separator that may or may not end a value. */
const SEPARATOR = /[;&|,]/;
/** What follows a separator that ends the value (see the module doc). */
const AFTER_SEPARATOR = /^(?:[\s"'`)\]}>]|(?:amp;)?-{0,2}[A-Za-z_][A-Za-z0-9_.\[\]-]{0,63}=)/;
/** A run of value characters: up to a blank, a quote, a separator, a bracket. */
const RUN = /[^\s"'`;&|,)\]}<>]*/y;
/** The same where brackets belong to the value (`m{{h}o)p$…`). */
const RUN_WITH_BRACKETS = /[^\s"'`;&|,]*/y;

/**
 * Whether the `;`, `&`, `|` or `,` at `at` ends the value before it; false
 * for any other character.
 *
 * @example A query separator ends the value, a glued `&` does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { separatorEndsValue } from "./value_end.ts";
 * assert(separatorEndsValue("?password=abc&user=x", 13));
 * assert(!separatorEndsValue("PGPASSWORD=Tr0ub4dor&3xK9!q", 20));
 * assert(separatorEndsValue("password=x, then", 10));
 * ```
 */
export function separatorEndsValue(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined || !SEPARATOR.test(c)) return false;
  const next = text[at + 1];
  if (next === undefined || next === c) return true;
  return AFTER_SEPARATOR.test(text.slice(at + 1, at + 70));
}

/**
 * End of the bare value starting at `start`: the first blank, quote or
 * bracket, or separator that ends it (see {@link separatorEndsValue}).
 * With `brackets`, `)]}<>` are value characters too. Reads to the value's
 * end, however long: its tail must not survive.
 *
 * @example A password with `&` and `,`; a query parameter after it
 * ```ts
 * import assert from "node:assert/strict";
 * import { bareValueEnd } from "./value_end.ts";
 * const text = "pw=Tr0ub&3x,K9 next";
 * assert.equal(text.slice(3, bareValueEnd(text, 3)), "Tr0ub&3x,K9");
 * const url = "?password=abc&user=x";
 * assert.equal(url.slice(10, bareValueEnd(url, 10)), "abc");
 * ```
 */
export function bareValueEnd(text: string, start: number, brackets = false): number {
  const run = brackets ? RUN_WITH_BRACKETS : RUN;
  let end = start;
  for (;;) {
    run.lastIndex = end;
    run.test(text);
    end = run.lastIndex;
    if (!SEPARATOR.test(text[end] ?? "") || separatorEndsValue(text, end)) return end;
    end++;
  }
}
