/**
 * E-mail pass. Runs before the keep pass so a public domain inside an
 * address (`ada@gmail.com`) cannot shield it. `user@host` in a login context
 * (`ssh`, `scp`, `rsync`, `host:path`) is not an e-mail: the user becomes a
 * `username` span and the host is left to the network pass; `git@host:` is a
 * git remote and stays.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { isServiceAccount } from "./accounts.ts";
import { eachLeadMatch } from "./scan.ts";

/**
 * An address: local part (read in a lookbehind, see `eachLeadMatch`), domain,
 * TLD. Letters and digits are Unicode's (`\p{L}\p{N}`, with combining marks
 * `\p{M}`): `jürgen.müller@firma.de`, `søren@exämple.dk` and `李@例子.中国` are
 * addresses, and an ASCII-only class kept their non-ASCII part in clear.
 */
const EMAIL =
  /(?<=(?<![\p{L}\p{N}\p{M}._%+-])([\p{L}\p{N}][\p{L}\p{N}\p{M}._%+-]{0,63}))@((?:[\p{L}\p{N}\p{M}-]{1,63}\.){1,8}(\p{L}[\p{L}\p{M}]{1,23}))(?![\p{L}\p{N}\p{M}-]|\.[\p{L}\p{N}])/dgu;
/**
 * A URL-encoded address (`?email=ada%40example.org`); a non-ASCII letter
 * is a `%XX` escape in it (`j%C3%BCrgen%40ex%C3%A4mple.dk`).
 */
const ENCODED_EMAIL =
  /(?<=(?<![A-Za-z0-9._%+-])((?:[A-Za-z0-9]|%(?!40)[0-9A-Fa-f]{2})(?:[A-Za-z0-9._+-]|%(?!40)[0-9A-Fa-f]{2}){0,63}))%40(?:(?:[A-Za-z0-9-]|%[0-9A-Fa-f]{2}){1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/dg;
const LOGIN_CONTEXT =
  /(?:^|[\s"'`(])(?:ssh|scp|sftp|rsync|mosh|ssh-copy-id|autossh|sshfs|ansible|pssh|telnet|ftp|-l|--user|ProxyJump|-J|-o)[ \t]+(?:[^\s]{1,200}[ \t]+){0,8}$/;
const FILE_EXTENSIONS = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "ico",
  "pdf",
  "txt",
  "md",
  "json",
  "yaml",
  "yml",
  "toml",
  "lock",
  "log",
  "js",
  "mjs",
  "cjs",
  "ts",
  "tsx",
  "jsx",
  "css",
  "scss",
  "html",
  "htm",
  "xml",
  "csv",
  "tar",
  "gz",
  "tgz",
  "zip",
  "py",
  "rb",
  "go",
  "rs",
  "sh",
  "exe",
  "dll",
  "so",
  "dylib",
  "bin",
  "img",
  "iso",
  "dmg",
  "pkg",
  "deb",
  "rpm",
  "whl",
  "jar",
  "war",
  "apk",
  "mp3",
  "mp4",
  "mov",
  "wav",
  "bak",
  "tmp",
  "swp",
  "ini",
  "cfg",
  "conf",
  "env",
  "sql",
  "db",
  "sqlite",
]);

/**
 * Runs the e-mail rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { emailPass } from "./email.ts";
 * const board = new SpanBoard('git commit --author="Ada <Ada.L+ci@Example.ORG>"');
 * emailPass(board);
 * assert(board.render().text === 'git commit --author="Ada <<EMAIL>>"');
 * ```
 */
export function emailPass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("%40")) {
    eachLeadMatch(
      ENCODED_EMAIL,
      text,
      (m, start) => board.redact(start, m.index + m[0].length, "email"),
    );
  }
  if (!text.includes("@")) return;
  eachLeadMatch(EMAIL, text, (m, start) => {
    const [, local, domain, tld] = m;
    const end = m.index + m[0].length;
    if (board.hasRedaction(start, end)) return;
    if (FILE_EXTENSIONS.has(tld.toLowerCase())) return;
    // Cloud service-account addresses are neutral in the policy: keep them.
    if (/\.gserviceaccount\.com$/i.test(domain)) return;
    const after = text[end];
    const window = text.slice(Math.max(0, start - 300), start);
    const before = window.slice(window.lastIndexOf("\n") + 1);
    const scpTarget = after === ":" && end + 1 < text.length && !/\s/.test(text[end + 1]);
    if (local.toLowerCase() === "git" && (scpTarget || /ssh|git/.test(before))) {
      board.keep(start, start + 4);
      return;
    }
    if (scpTarget || LOGIN_CONTEXT.test(before) || /ssh:\/\/$|sftp:\/\/$/.test(before)) {
      if (!isServiceAccount(local)) board.redact(start, start + local.length, "username");
      return;
    }
    board.redact(start, end, "email");
  });
}
