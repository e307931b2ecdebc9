/**
 * Context pass: secrets recognised by what surrounds them. Authorization
 * headers and cookies, secret-named variables, keys and flags (whose value is
 * not a placeholder, a number, a path…), password options of well-known
 * commands (`mysql -pX`, `sshpass -p X`, `htpasswd -b f u X`, `curl -u u:X`),
 * SQL `IDENTIFIED BY 'X'`, `echo X | sudo -S`, and "my password is X".
 *
 * @module
 */
import type { SensitiveCategory } from "../categories.ts";
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange, isPlaceholder, looksRandom } from "./scan.ts";
import { categoryForName, classifyName, isSecretValue, type SecretKind } from "./secret_names.ts";
import { commandLines, partRange, type ShellWord } from "./shell_tokens.ts";
import { isServiceAccount } from "./accounts.ts";

const ASSIGNMENT =
  /(?<![A-Za-z0-9_.\/\\-]|[\w$]\$)(["']?)([A-Za-z_@][A-Za-z0-9_.\-]{0,80})\1[ \t]{0,4}(===|!==|==|!=|\.=|\?\?=|\|\|=|\+=|=>|:=|=|:)(?![=\/])[ \t]{0,4}/dg;
/** A quoted key holding blanks (`{"facebook access_token": "…"}`). */
const QUOTED_KEY =
  /(["'])([A-Za-z_@][A-Za-z0-9_.\-]{0,40}(?: [A-Za-z0-9_.\-]{1,40}){1,3})\1[ \t]{0,4}(=>|=|:)[ \t]{0,4}(?=["'])/dg;
/** A typed declaration (`var apiToken string = "…"`, `token: str = "…"`). */
const TYPED_DECLARATION =
  /(?<![\w$.-])([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]{1,4}(?::[ \t]{0,2})?(?:string|String|str|\[\]byte|&str|char\*?)[ \t]{0,4}(?:=|:=)[ \t]{0,4}(?=["'`])/dg;
/** A name and a value as call arguments (`setProperty("API_TOKEN", "…")`, `getenv("api_token", "…")`). */
const NAME_VALUE_ARGUMENTS =
  /\([ \t]{0,4}(["'])([A-Za-z_][A-Za-z0-9_.\-]{0,80})\1[ \t]{0,4},[ \t]{0,4}(?=["'])/dg;
/** "set NAME to VALUE", "export NAME as VALUE" in prose. */
const PROSE_SET =
  /\b(?:set|Set|export|Export|change|Change|update|Update|use|Use)[ \t]{1,4}(?:the[ \t]{1,4})?(?:(?:env(?:ironment)?[ \t]{1,4})?var(?:iable)?[ \t]{1,4})?[`'"]?([A-Za-z_][A-Za-z0-9_.-]{1,80})[`'"]?[ \t]{1,4}(?:to|as|=)[ \t]{1,4}/dg;
/** A long random token a few words after a secret-ish word, on the same line. */
const NEAR_SECRET_WORD =
  /\b(?:token|secret|api[_ -]?key|apikey|password|passwd|credentials?|bearer|auth(?:orization)?|signature|passphrase)\b[^\n]{0,40}?(?<![A-Za-z0-9+\/_~.=-])([A-Za-z0-9+\/_~.-]{24,200}={0,2})(?![A-Za-z0-9+\/_~=-])/dgi;
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
const FLAG = /(?<![\w-])(--?|\/)([A-Za-z][A-Za-z0-9_.-]{1,60})(=|:|[ \t]{1,4})(?=\S)/dg;
const AUTH_SCHEME =
  /\b(?:Bearer|bearer|BEARER|Basic|basic|Token|token|Bot|SSWS|GenieKey|Splunk|OAuth|Negotiate)[ \t]{1,4}([A-Za-z0-9._~+\/:-]{6,4096}={0,2})(?![A-Za-z0-9=])/dg;
const AUTH_SCHEME_WORD =
  /^(?:Bearer|Basic|Token|token|Bot|SSWS|GenieKey|ApiKey|Splunk|OAuth|Negotiate|Digest|bearer)$/;
const AUTHORIZATION_OTHER_SCHEME =
  /Authorization["']?[ \t]{0,2}[:=][ \t]{0,2}["']?(?:ApiKey|Api-Key|Key|SSWS|Token|Digest|Client-ID)[ \t]{1,4}([^\s"',;]{6,4096})/dgi;
/** A `.pgpass` line `host:port:db:user:password`. */
const PGPASS_LINE =
  /(?:^|\n)[ \t]*([^\s:#]{1,253}:(?:\d{1,5}|\*):[^\s:]{1,63}:[^\s:]{1,63}:)([^\s]{1,200})(?=[ \t]*(?:$|\n))/dg;
/**
 * Four hex groups before the password: a MAC or an IPv6 address
 * (`(87:22:94:0d:da:7e)`), whose tail is no password. The network pass takes it.
 */
const ADDRESS_FIELDS = /^[(\[{<"']?(?:[0-9A-Fa-f]{1,4}:){4}$/;
const ORACLE_JDBC = /jdbc:oracle:[a-z]{1,10}:([A-Za-z][A-Za-z0-9_$#]{0,63})\/([^@\s]{1,128})@/dg;
const COOKIE = /(?<![\w-])(?:Set-Cookie|Cookie|--cookie|-b)[ \t]{0,2}:?[ \t]{0,4}["']?/dgi;
const K8S_ENV =
  /name:[ \t]{0,4}["']?([A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]{0,40}(?:-[ \t]{1,4})?value:[ \t]{0,4}/dg;
const KEYWORD_VALUE =
  /(?<![\w-])(password|passphrase|pass|pwd|psk|wifi-sec\.psk|pin|token|api[ _-]?key|secret|access key|secret key|(?:basic[ -]auth(?:entication)?|auth(?:orization)?|bearer)[ -](?:header|token|credentials?)|client secret|signing (?:key|secret)|webhook secret|credentials?)(?:[ \t]{1,4}(?:for|of)[ \t]{1,4}[^\s]{1,40}(?:[ \t]{1,4}[^\s]{1,40})?)?(?:[ \t]{1,4}(?:is|was|of|=|:|to|as|set to|should be|is set to))?[ \t]{1,4}/dgi;
const SQL_PASSWORD =
  /(?<![\w"'.-])(?:IDENTIFIED[ \t]{1,4}(?:WITH[ \t]{1,4}\w{1,40}[ \t]{1,4})?BY|PASSWORD)(?:[ \t]{1,4}|[ \t]{0,4}=[ \t]{0,4}|\()(['"])([^'"\n]{1,200})\1/dgi;
const MYSQL_BEFORE =
  /(?:^|[\s"'`(])(?:mysql|mariadb|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck)\b/;
const HERE_STRING =
  /(?:sudo[ \t]+-S|--password-stdin|passwd[ \t][^\n|;]{0,40}--stdin|chpasswd|-S)[^\n|;]{0,80}?<<<[ \t]*(["']?)([^"'\s]{1,200})\1/dg;
const XML_ELEMENT =
  /<([A-Za-z][A-Za-z0-9_.:-]{0,60})>[ \t]{0,40}\r?\n?[ \t]{0,40}([^<\s][^<\n]{0,499}?)[ \t]{0,40}\r?\n?[ \t]{0,40}<\/\1>/dg;
const SECURE_STRING =
  /ConvertTo-SecureString[ \t]{1,4}(?:-String[ \t]{1,4})?(['"])([^'"\n]{1,200})\1/dgi;
const ECHO_PIPE =
  /(?<![\w-])(?:echo|printf)[ \t]{1,4}(?:-[neE]{1,3}[ \t]{1,4})?(["']?)([^"'\n|]{1,200})\1[ \t]*\|[ \t]*([^\n|;]{0,200})/dg;
/** .NET appSettings `<add key="ApiSecret" value="…" />`, Ant/Maven `<property name="password" value="…"/>`. */
const ADD_KEY_VALUE =
  /<(?:add|property|param|parameter|setting|entry|env|variable)[ \t]{1,4}(?:key|name)[ \t]{0,2}=[ \t]{0,2}(["'])([A-Za-z0-9_.:-]{1,80})\1[ \t]{1,4}value[ \t]{0,2}=[ \t]{0,2}(["'])([^"'\n]{1,1024})\3/dg;
/** `auth=("user", "pass")`, `HTTPBasicAuth('user', 'pass')`, `BasicAuth("user", "pass")`. */
const AUTH_TUPLE =
  /(?:\bauth[ \t]{0,2}=[ \t]{0,2}[(\[]|\b(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|basic_auth)[ \t]{0,2}\()[ \t]{0,2}(["'])([^"'\n]{1,64})\1[ \t]{0,2},[ \t]{0,2}(["'])([^"'\n]{1,200})\3/dg;
const AWS_SECRET_SHAPE = /(?<![A-Za-z0-9+\/=])[A-Za-z0-9+\/]{40}(?![A-Za-z0-9+\/=])/g;
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
 * Runs the context rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { contextPass } from "./context.ts";
 * const board = new SpanBoard("PGPASSWORD=Xk2pq9Ln psql -h db -U app");
 * contextPass(board);
 * assert(board.render().text === "PGPASSWORD=<PASSWORD> psql -h db -U app");
 * ```
 */
export function contextPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(AUTH_SCHEME, text, (m) => {
    const [start, end] = groupRange(m, 1)!;
    if (isPlaceholder(m[1]) || /^\$/.test(m[1]) || board.hasRedaction(start, end)) return;
    // Prose ("the security token included in …", "Bearer authentication"): a plain word.
    if (/^[A-Za-z]+$/.test(m[1]) && !looksRandom(m[1])) return;
    if (/^--?[a-z][a-z-]{1,40}$/.test(m[1])) return; // `--token-file /run/t --api-key-file=…`
    board.redact(start, end, "auth_header");
  });
  if (/cookie|-b /i.test(text)) eachMatch(COOKIE, text, (m) => redactCookies(board, m));
  eachMatch(AUTHORIZATION_OTHER_SCHEME, text, (m) => {
    if (!isPlaceholder(m[1]) && !/^\$/.test(m[1])) redactGroup(board, m, 1, "auth_header");
  });
  if (text.includes("jdbc:oracle")) {
    eachMatch(ORACLE_JDBC, text, (m) => redactGroup(board, m, 2, "password"));
  }
  eachMatch(PGPASS_LINE, text, (m) => {
    if (ADDRESS_FIELDS.test(m[1]) || /^\d{1,5}$/.test(m[2])) return;
    redactGroup(board, m, 2, "password");
  });
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
  const literal = (name: string, at: number) => {
    const kind = classifyName(name);
    if (kind !== null && !board.isRedacted(at)) {
      redactValue(board, at, kind, categoryForName(name, kind), false);
    }
  };
  eachMatch(QUOTED_KEY, text, (m) => literal(m[2].replace(/ /g, "_"), m.index + m[0].length));
  eachMatch(TYPED_DECLARATION, text, (m) => literal(m[1], m.index + m[0].length));
  if (text.includes("(")) {
    eachMatch(NAME_VALUE_ARGUMENTS, text, (m) => literal(m[2], m.index + m[0].length));
  }
  eachMatch(PROSE_SET, text, (m) => {
    const kind = classifyName(m[1]);
    if (kind !== null) {
      redactValue(board, m.index + m[0].length, kind, categoryForName(m[1], kind), false);
    }
  });
  eachMatch(FLAG, text, (m) => {
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
    redactValue(board, m.index + m[0].length, kind, category, false);
  });
  eachMatch(K8S_ENV, text, (m) => {
    const kind = classifyName(m[1]);
    if (kind !== null) {
      redactValue(board, m.index + m[0].length, kind, categoryForName(m[1], kind), true);
    }
  });
  eachMatch(KEYWORD_VALUE, text, (m) => {
    const word = m[1].toLowerCase();
    const kind: SecretKind = /pass|psk|pin/.test(word) ? "password" : "weak";
    let start = m.index + m[0].length;
    const quoted = /^(['"`])([^'"`\n]{1,200})\1/.exec(text.slice(start, start + 203));
    if (quoted) start++;
    const token = quoted ? [quoted[2]] : /^[^\s"'`,;)]{1,200}/.exec(text.slice(start, start + 201));
    if (!token || token[0].startsWith("-")) return;
    const value = quoted ? token[0] : token[0].replace(/[.,:?]+$/, "");
    if (board.hasRedaction(start, start + value.length)) return;
    if (STOP_WORDS.has(value.toLowerCase()) || !isSecretValue(value, kind)) return;
    // "my password is X" states it: any word will do. Otherwise the value
    // must look like a password (a digit, a symbol or inner capitals).
    const stated = quoted !== null || /(?:\bis|\bwas|[=:]|\bto|\bbe)[ \t]*$/.test(m[0]);
    const strong = stated || /\d|[^A-Za-z]/.test(value) || /[A-Z]/.test(value.slice(1));
    if (kind === "password" && (!strong || (word === "pin" && !/^\d{4,8}$/.test(value)))) return;
    board.redact(start, start + value.length, kind === "password" ? "password" : "secret_env");
  });
  eachMatch(SQL_PASSWORD, text, (m) => redactGroup(board, m, 2, "password"));
  if (text.includes("<") && /value/i.test(text)) {
    eachMatch(ADD_KEY_VALUE, text, (m) => {
      const kind = classifyName(m[2]);
      if (kind !== null && isSecretValue(m[4], kind)) {
        redactGroup(board, m, 4, categoryForName(m[2], kind));
      }
    });
  }
  if (/auth/i.test(text)) {
    eachMatch(AUTH_TUPLE, text, (m) => {
      redactGroup(board, m, 4, "password");
      if (!isServiceAccount(m[2])) redactGroup(board, m, 2, "username");
    });
  }
  if (text.includes("<<<")) {
    eachMatch(HERE_STRING, text, (m) => redactGroup(board, m, 2, "password"));
  }
  if (text.includes("</")) {
    eachMatch(XML_ELEMENT, text, (m) => {
      const kind = classifyName(m[1]);
      if (kind !== null && isSecretValue(m[2].trim(), kind)) {
        redactGroup(board, m, 2, categoryForName(m[1], kind));
      }
    });
  }
  eachMatch(SECURE_STRING, text, (m) => redactGroup(board, m, 2, "password"));
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
  runCommandHandlers(board, 0, text.length, 0);
  eachMatch(NEAR_SECRET_WORD, text, (m) => {
    const token = m[1];
    const [start, end] = groupRange(m, 1)!;
    if (
      !board.isFree(start, end) || !looksRandom(token) || !/\d/.test(token) ||
      !/[A-Za-z]/.test(token)
    ) return;
    // Identifiers that are public by policy: hex ids and SHAs, UUIDs, paths, dotted names.
    if (
      /^[0-9a-fA-F-]+$/.test(token) || /^[\/.]|\/\//.test(token) ||
      /^[\w-]+(?:\.[\w-]+){2,}$/.test(token)
    ) return;
    if (isPlaceholder(token)) return;
    board.redact(start, end, "secret_env");
  });
  if (/aws|AKIA|ASIA|secret|Secret|SECRET/.test(text)) {
    eachMatch(AWS_SECRET_SHAPE, text, (m) => {
      const v = m[0];
      if (/[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v) && looksRandom(v)) {
        board.redact(m.index, m.index + 40, "aws_secret");
      }
    });
  }
}

/** Words after a command that its handler looks at. */
const MAX_ARGS = 40;

/**
 * Splits `[start, end)` into command lines once and runs the handler of each
 * known command word on the words after it. A word holding quoted spaces is
 * split once more without quote handling, so every character is read at
 * most twice.
 */
function runCommandHandlers(board: SpanBoard, start: number, end: number, depth: number): void {
  const text = board.text;
  for (const line of commandLines(text, start, end, depth === 0)) {
    universalCredentials(board, line);
    const handlers = line.map((word) => COMMANDS.get(commandName(word.value)));
    const nextHandler: number[] = [];
    for (let k = line.length - 1, next = line.length; k >= 0; k--) {
      nextHandler[k] = next;
      if (handlers[k]) next = k;
    }
    line.forEach((word, k) => {
      // A command's words end where the next known command starts.
      const handler = handlers[k];
      if (handler && !board.isRedacted(word.start)) {
        handler(board, line.slice(k + 1, Math.min(nextHandler[k], k + 1 + MAX_ARGS)));
      }
      // A quoted stretch (`bash -c 'mysql -pX db'`, or an apostrophe that
      // pairs with a later one) may hold commands: split it again, bare.
      if (depth === 0 && /\s/.test(word.value)) runCommandHandlers(board, word.start, word.end, 1);
    });
  }
}

/**
 * `-u user:pass`, `-u ":pass"`, `-u "KEY:"` (a key as the user) and `--user=u:p`
 * after any command; `-p VALUE` when the same line names a user. Numeric
 * pairs (`-u 1000:1000`), service accounts (`-u www-data:www-data`) and
 * placeholder pairs (`user:password`) are left alone.
 */
function universalCredentials(board: SpanBoard, words: ShellWord[]): void {
  let user = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k].value;
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

/** `user:password`, `username:pwd`, `account-SID:account-token`: both halves generic words. */
function isPlaceholderPair(name: string, pass: string): boolean {
  return /^(?:[A-Za-z]{1,12}[-_])?(?:user(?:name)?|login|name|id|sid|account|email|client|key)$/i
    .test(name) &&
    /^(?:[A-Za-z]{1,12}[-_])?(?:pass(?:word)?|pwd|secret|token|key)$/i.test(pass);
}

/** `mysql` from `mysql`, `/usr/bin/mysql`, `$(mysql`, `"mysql`. */
function commandName(word: string): string {
  const start = /^[$(`"']/.test(word) ? word.replace(/^(?:\$\(|`|\(|["'])+/, "") : word;
  return start.includes("/") ? start.slice(start.lastIndexOf("/") + 1) : start;
}

/** The text of the current line before `index` (at most 200 characters). */
function lineBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 200), index);
  return window.slice(window.lastIndexOf("\n") + 1);
}

function redactGroup(board: SpanBoard, m: RegExpExecArray, group: number, c: SensitiveCategory) {
  if (isPlaceholder(m[group])) return;
  board.redact(...groupRange(m, group)!, c);
}

/** Reads the value that starts at `at` (quoted or bare) and redacts it if secret. */
function redactValue(
  board: SpanBoard,
  at: number,
  kind: SecretKind,
  category: SensitiveCategory,
  restOfLine: boolean,
): [number, number] | null {
  const range = readValue(board.text, at, restOfLine);
  if (range === null) return null;
  let [start, end] = range;
  let value = board.text.slice(start, end);
  // The scheme of an Authorization value: AUTH_SCHEME takes the credential.
  if (AUTH_SCHEME_WORD.test(value) && /^[ \t]+\S/.test(board.text.slice(end, end + 2))) {
    return range;
  }
  // A vendor token or JWT inside the value is already labelled by its format.
  if (board.hasRedaction(start, end)) return range;
  if (/^pass:/.test(value)) {
    start += 5;
    value = value.slice(5);
  }
  if (!isSecretValue(value, kind)) {
    if (isPlaceholder(value)) board.keep(start, end);
    return range;
  }
  board.redact(start, end, category);
  return range;
}

/**
 * The value starting at `at`: inside quotes when quoted, else up to a
 * delimiter (or the end of the line for YAML-style `key: value`).
 */
function readValue(text: string, at: number, restOfLine: boolean): [number, number] | null {
  let i = at;
  const q = text[i];
  if (q === '"' || q === "'" || q === "`") {
    let j = i + 1;
    const limit = Math.min(text.length, i + 4096);
    while (j < limit && text[j] !== q && text[j] !== "\n") {
      j += text[j] === "\\" && q === '"' ? 2 : 1;
    }
    if (j < limit && text[j] === q) return j > i + 1 ? [i + 1, j] : null;
    i++;
  }
  if (text[i] === "{" && !text.startsWith("{{", i)) {
    // ODBC braces: PWD={p@ss;word}
    const close = text.slice(i, i + 300).indexOf("}");
    if (close > 1) return [i + 1, i + close];
  }
  if (text.startsWith("${", i) || text.startsWith("$(", i) || text[i] === "<") {
    const closer = text[i] === "<" ? ">" : text[i + 1] === "{" ? "}" : ")";
    const close = text.slice(i, i + 300).indexOf(closer);
    if (close !== -1) return [i, i + close + 1];
  }
  let j = i;
  const limit = Math.min(text.length, i + 1024);
  if (restOfLine) {
    while (
      j < limit && text[j] !== "\n" && text[j] !== "\r" && !(text[j] === "#" && text[j - 1] === " ")
    ) j++;
    while (j > i && /[\s,]/.test(text[j - 1])) j--;
  } else {
    while (j < limit && !/[\s"'`;&|,)\]}<>]/.test(text[j])) j++;
    // A value longer than the window is read to its end (one more linear scan):
    // its tail must not survive.
    if (j === limit) { while (j < text.length && !/[\s"'`;&|,)\]}<>]/.test(text[j])) j++; }
    // `apikey = m{{h}o)p$…`: a closer that closes nothing opened before the
    // value on this line belongs to the value; read on to the next blank.
    if (j < limit && /[)\]}>]/.test(text[j]) && j > i && !openedBefore(text, at, text[j])) {
      while (j < limit && !/[\s"'`;&|,]/.test(text[j])) j++;
    }
  }
  return j > i ? [i, j] : null;
}

/** Whether the line before `at` (≤ 200 characters) leaves a `closer`'s opener open. */
function openedBefore(text: string, at: number, closer: string): boolean {
  const opener = ({ ")": "(", "]": "[", "}": "{", ">": "<" } as Record<string, string>)[closer];
  const line = lineBefore(text, at);
  let depth = 0;
  for (const c of line) {
    if (c === opener) depth++;
    else if (c === closer && depth > 0) depth--;
  }
  return depth > 0;
}

function redactCookies(board: SpanBoard, m: RegExpExecArray): void {
  const text = board.text;
  let i = m.index + m[0].length;
  const limit = Math.min(text.length, i + 4096);
  for (let pairs = 0; pairs < 50 && i < limit; pairs++) {
    const pair = /^[ \t]*([A-Za-z0-9_.$!#%&*+^`|~-]{1,100})=("?)([^;\s"',]{1,4096})\2/.exec(
      text.slice(i, Math.min(limit, i + 4300)),
    );
    if (!pair) return;
    const start = i + pair[0].length - pair[3].length - pair[2].length;
    const attribute = /^(?:path|domain|expires|max-age|samesite|secure|httponly|version)$/i;
    const taken = board.hasRedaction(start, start + pair[3].length); // a JWT keeps its header
    if (!attribute.test(pair[1]) && !isPlaceholder(pair[3]) && pair[3].length >= 6 && !taken) {
      board.redact(start, start + pair[3].length, "auth_header");
    }
    i += pair[0].length;
    if (text[i] !== ";") return;
    i++;
  }
}

type CommandHandler = (board: SpanBoard, words: ShellWord[]) => void;

function redactPart(board: SpanBoard, word: ShellWord, part: string, c: SensitiveCategory) {
  if (part.length === 0 || isPlaceholder(part) || /^\$/.test(part)) return;
  const range = partRange(board.text, word, part);
  if (range && !board.hasRedaction(range[0], range[1])) board.redact(range[0], range[1], c);
}

/** `-p VALUE` / `-pVALUE` style options. */
function optionHandler(
  flags: string[],
  { attached = true, separate = true, requires }: {
    attached?: boolean;
    separate?: boolean;
    requires?: string;
  } = {},
): CommandHandler {
  return (board, words) => {
    if (requires && !words.some((w) => w.value === requires)) return;
    for (let k = 0; k < words.length; k++) {
      const w = words[k].value;
      for (const flag of flags) {
        if (w === flag && separate && k + 1 < words.length) {
          const next = words[k + 1];
          if (!next.value.startsWith("-") || next.value.length > 2) {
            redactPart(board, next, next.value, "password");
          }
        } else if (
          attached && w.startsWith(flag) && w.length > flag.length && w[flag.length] !== "-"
        ) {
          redactPart(board, words[k], w.slice(flag.length).replace(/^=/, ""), "password");
        }
      }
    }
  };
}

/** `-u user:pass`, `-U user%pass`, `-u user,pass`: the part after the separator. */
function userPassHandler(flags: string[], separators: string): CommandHandler {
  const separator = new RegExp(`[${separators}]`);
  return (board, words) => {
    for (let k = 0; k + 1 < words.length; k++) {
      const w = words[k].value;
      const inline = flags.find((flag) => w.startsWith(`${flag}=`));
      const word = inline ? words[k] : flags.includes(w) ? words[k + 1] : undefined;
      if (!word) continue;
      const value = inline ? w.slice(inline.length + 1) : word.value;
      const at = value.search(separator);
      if (at > 0 && isPlaceholderPair(value.slice(0, at), value.slice(at + 1))) {
        board.keep(word.start, word.end);
      } else if (at > 0) redactPart(board, word, value.slice(at + 1), "password");
    }
  };
}

/** The last positional word (htpasswd -b FILE USER PASS, rabbitmqctl add_user U P). */
function positionalHandler(
  index: (positionals: ShellWord[], words: ShellWord[]) => ShellWord | undefined,
): CommandHandler {
  return (board, words) => {
    const positionals = words.filter((w) => !w.value.startsWith("-") && !w.value.startsWith("/"));
    const word = index(positionals, words);
    if (word && word.value !== "*") redactPart(board, word, word.value, "password");
  };
}

/** `config set NAME VALUE`, `git config NAME VALUE`, `setx NAME VALUE`, `set -x NAME VALUE`. */
const nameValueHandler: CommandHandler = (board, words) => {
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
};

const userSlashPass: CommandHandler = (board, words) => {
  for (const word of words) {
    const m = /^([A-Za-z][A-Za-z0-9_$#]{0,63})\/([^@\s/]{1,128})(?:@|$)/.exec(word.value);
    if (m && !word.value.startsWith("/")) redactPart(board, word, m[2], "password");
  }
};

const COMMANDS = new Map<string, CommandHandler>();
const register = (names: string[], handler: CommandHandler) => {
  for (const name of names) COMMANDS.set(name, handler);
};
/** Adds `handler` to what `names` already run (registered last: after every `register`). */
const alsoRun = (names: string[], handler: CommandHandler) => {
  for (const name of names) {
    const earlier = COMMANDS.get(name);
    COMMANDS.set(
      name,
      earlier ? (board, words) => (earlier(board, words), handler(board, words)) : handler,
    );
  }
};
register(
  [
    "mysql",
    "mysqldump",
    "mysqladmin",
    "mysqlimport",
    "mysqlshow",
    "mysqlcheck",
    "mysqlpump",
    "mysqlsh",
    "mariadb",
    "mariadb-dump",
    "mariadb-admin",
    "mycli",
  ],
  (board, words) => {
    optionHandler(["-p"], { separate: false })(board, words);
    // `-p VALUE` prompts and VALUE is the database, unless VALUE reads as a password.
    const flag = words.findIndex((w) => w.value === "-p");
    const next = words[flag + 1];
    if (flag !== -1 && next && /\d|[^\w-]|[A-Z]/.test(next.value) && !next.value.startsWith("-")) {
      redactPart(board, next, next.value, "password");
    }
    const k = words.findIndex((w) => w.value === "password");
    if (k !== -1 && k + 1 < words.length) {
      redactPart(board, words[k + 1], words[k + 1].value, "password");
    }
  },
);
register(["sshpass"], optionHandler(["-p"]));
register(["mosquitto_pub", "mosquitto_sub", "mosquitto_rr"], optionHandler(["-P", "--pw"]));
register(["cqlsh"], optionHandler(["-p"], { attached: false }));
register(["pscp", "plink", "psftp"], optionHandler(["-pw"], { attached: false }));
register(["security"], optionHandler(["-w"], { attached: false }));
register(["schtasks"], optionHandler(["/rp", "/RP", "/Rp"], { attached: false }));
register(
  ["ngrok"],
  positionalHandler((p) =>
    p.findIndex((w) => /^(?:add-)?authtoken$/.test(w.value)) === p.length - 2
      ? p[p.length - 1]
      : undefined
  ),
);
register(["redis-cli", "keydb-cli", "valkey-cli"], optionHandler(["-a"]));
register(
  [
    "mongo",
    "mongosh",
    "mongodump",
    "mongorestore",
    "mongoexport",
    "mongoimport",
    "mongostat",
    "mongotop",
  ],
  optionHandler(["-p"]),
);
register(["zip", "unzip", "zipcloak"], optionHandler(["-P"]));
register(["7z", "7za", "7zz", "7zr", "rar", "unrar"], optionHandler(["-p"], { separate: false }));
register(["sqlcmd", "bcp", "osql", "isql"], optionHandler(["-P"]));
register(
  ["docker", "podman", "nerdctl", "helm", "buildah", "skopeo", "oras", "crane", "regctl", "az"],
  optionHandler(["-p"], { requires: "login" }),
);
register(
  ["ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldapwhoami", "ldapcompare", "ldapmodrdn"],
  optionHandler(["-w"]),
);
register(["ldappasswd"], optionHandler(["-w", "-s"]));
register(["ssh-keygen"], optionHandler(["-N", "-P"], { attached: false }));
register(["openssl"], (board, words) => {
  optionHandler(["-k"], { attached: false })(board, words);
  // `openssl passwd -1 PASS`, `$(openssl passwd -6 -salt S PASS)`: the last word.
  if (words[0]?.value !== "passwd" || words.length < 2) return;
  // Inside `$(…)` the command ends at the word that closes it.
  const close = words.findIndex((w) => /\)$/.test(w.value) && !w.value.includes("("));
  const own = close === -1 ? words : words.slice(0, close + 1);
  const last = own[own.length - 1];
  const value = last.value.replace(/\)+$/, "");
  if (own.length >= 2 && !value.startsWith("-") && own[own.length - 2].value !== "-salt") {
    redactPart(board, last, value, "password");
  }
});
register(["x11vnc"], optionHandler(["-passwd"], { attached: false }));
register(
  ["smbclient", "rpcclient", "smbmap", "smbcacls", "net"],
  userPassHandler(["-U", "--user"], "%"),
);
register(["curl"], userPassHandler(["-u", "--user", "-U", "--proxy-user"], ":"));
register(["http", "https", "xh"], userPassHandler(["-a", "--auth"], ":"));
register(["lftp"], userPassHandler(["-u"], ","));
register(
  ["htpasswd"],
  (board, words) => {
    if (!words.some((w) => /^-[a-zA-Z]*b/.test(w.value))) return;
    positionalHandler((p) => (p.length >= 2 ? p[p.length - 1] : undefined))(board, words);
  },
);
register(
  ["rabbitmqctl"],
  positionalHandler((p) =>
    p[0] && /^(?:add_user|change_password)$/.test(p[0].value) ? p[2] : undefined
  ),
);
register(
  ["wpa_passphrase"],
  positionalHandler((p) => (p.length >= 2 ? p[1] : undefined)),
);
register(
  ["vault"],
  positionalHandler((
    p,
  ) => (p[0]?.value === "login" && p[1] && !p[1].value.includes("=") ? p[1] : undefined)),
);
register(
  ["net"],
  (board, words) => {
    userPassHandler(["-U", "--user"], "%")(board, words);
    const p = words.filter((w) => !w.value.startsWith("/"));
    if (p[0]?.value.toLowerCase() === "user" && p[2]) {
      redactPart(board, p[2], p[2].value, "password");
    }
    if (p[0]?.value.toLowerCase() === "use") {
      const share = p.findIndex((w) => w.value.startsWith("\\\\"));
      const pass = share === -1 ? undefined : p[share + 1];
      if (pass && pass.value !== "*") redactPart(board, pass, pass.value, "password");
    }
  },
);
register(
  ["setx", "set"],
  (board, words) => nameValueHandler(board, [{ value: "set", start: 0, end: 0 }, ...words]),
);
register(["sqlplus", "expdp", "impdp", "exp", "imp", "rman", "sqlldr", "dgmgrl"], userSlashPass);
/** `az keyvault secret set --value X`, `aws ssm put-parameter … --value X --type SecureString`. */
const secretStoreValue: CommandHandler = (board, words) => {
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
};
register(
  ["npm", "yarn", "pnpm", "git", "aws", "setx", "set", "gh", "flyctl", "fly"],
  (board, words) => {
    nameValueHandler(board, words);
    if (words[0]?.value === "secret" && words[1]?.value === "set") {
      optionHandler(["-b", "--body"], { attached: false })(board, words);
    }
  },
);
// `az keyvault secret set …`: the words after `set` belong to the `set` handler.
alsoRun(["az", "aws", "doppler", "infisical", "set"], secretStoreValue);
