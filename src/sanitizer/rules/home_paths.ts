/**
 * Home-path pass: the user segment of home directories in every OS form
 * (`/Users/x`, `/home/x`, `/var/home/x`, `/mnt/c/Users/x`, `C:\Users\x`,
 * `C:/Users/x`, JSON-escaped `C:\\Users\\x`, `\\?\C:\Users\x`,
 * `C:\Documents and Settings\x`, UNC and NFS homes, `~x`). Only the segment
 * is replaced, the rest of the path stays. Windows display names may hold
 * spaces and diacritics. Default and service homes (`/home/runner`, `/root`,
 * `C:\Users\Public`) stay. A user name found in a path is also redacted where
 * it reappears as a word elsewhere in the text (a prompt, `whoami` output).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { isServiceAccount } from "./accounts.ts";
import { eachMatch, MAX_MENTION_SCANS, redactOtherMentions } from "./scan.ts";

const UNIX_HOME =
  /(\\?\/)(?:Users|home|homes|media|var\\?\/mail|var\\?\/spool\\?\/mail)(?:\\?\/)(?=[^\/\\\s])/g;
const WINDOWS_HOME =
  /(?:(?<![A-Za-z0-9])[A-Za-z]:|\\\\[A-Za-z0-9._$-]{1,64}|(?<![\w.\\])(?=\\))(\\\\|\\|\/)(?:Users|Documents and Settings|home|homes|profiles|Profiles\$?|home\$)\1(?=[^\\\/\s])/gi;
/** `~user`: the name in Unicode letters and digits (`~søren.delacroix/`), as a login may be. */
const TILDE_USER =
  /(?<![\p{L}\p{N}_~$\/.\\-])~([\p{L}_][\p{L}\p{N}\p{M}_.-]{0,31})(?=[\/\\\s"':;,)]|$)/gu;
/** WSL shares: `\\wsl$\Ubuntu\home\x`, `\\wsl.localhost\Debian\home\x` (also JSON-escaped). */
const WSL_HOME = /\\\\wsl(?:\$|\.localhost)(\\{1,2})[A-Za-z0-9._-]{1,64}\1home\1(?=[^\\\s])/gi;
/** Characters that end a path segment (besides the separators). */
const SEGMENT_END = /[\n\r\t"'`:;,|<>*?()\[\]{}&=$]/;
const UPPER_START = /^\p{Lu}/u;
/** A drive letter or PowerShell drive and the separator after it: `C:\`, `D:/`, `HKLM:\`. */
const DRIVE = /^[A-Za-z]{1,8}:[\\/]/;
const LETTER_START = /^\p{L}/u;

/**
 * Runs the home-path rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { homePathPass } from "./home_paths.ts";
 * const board = new SpanBoard("C:\\Users\\Søren Delacroix\\AppData and /home/runner/work");
 * homePathPass(board);
 * assert(board.render().text === "C:\\Users\\<USER>\\AppData and /home/runner/work");
 * ```
 */
export function homePathPass(board: SpanBoard): void {
  const text = board.text;
  const found = new Set<string>();
  const take = (segmentStart: number) => {
    const end = segmentEnd(text, segmentStart);
    if (end <= segmentStart) return;
    const name = text.slice(segmentStart, end);
    if (isServiceAccount(name) || /^(?:\.{1,3}|\*|[.~])/.test(name)) {
      board.keep(segmentStart, end);
      return;
    }
    if (board.redact(segmentStart, end, "home_user")) found.add(name);
    else if (board.hasRedaction(segmentStart, end)) takeBefore(segmentStart);
  };
  // A name that runs into a value redacted past its end stops before that value
  // (`/home/a SG.x…` → `/home/<USER> <SECRET:token>`, as a second run reads it).
  const takeBefore = (segmentStart: number) => {
    let cut = segmentStart;
    while (!board.isRedacted(cut)) cut++;
    while (cut > segmentStart && /\s/.test(text[cut - 1])) cut--;
    const name = text.slice(segmentStart, cut);
    if (cut === segmentStart || isServiceAccount(name)) return;
    if (board.redact(segmentStart, cut, "home_user")) found.add(name);
  };
  if (/Users|home|media|mail|Settings|profiles/i.test(text)) {
    eachMatch(UNIX_HOME, text, (m) => {
      if (insideWebUrl(text, m.index)) return;
      take(m.index + m[0].length);
    });
    eachMatch(WINDOWS_HOME, text, (m) => take(m.index + m[0].length));
    if (/wsl/i.test(text)) eachMatch(WSL_HOME, text, (m) => take(m.index + m[0].length));
  }
  if (text.includes("~")) {
    eachMatch(TILDE_USER, text, (m) => {
      if (!isServiceAccount(m[1])) {
        if (board.redact(m.index + 1, m.index + m[0].length, "home_user")) found.add(m[1]);
      }
    });
  }
  // Bounded: each name costs one scan of the text.
  for (const name of [...found].slice(0, MAX_MENTION_SCANS)) {
    redactOtherMentions(board, name, "home_user");
  }
}

/**
 * End of the user segment starting at `start`. A segment followed by a
 * separator is taken whole; otherwise a multi-word segment keeps only the
 * capitalised words of a display name ("Søren Delacroix is" → "Søren Delacroix").
 * A word that is the drive of the next path is no part of the name
 * (`/Users/Shared C:\Users\Public`, `C:\Users\jdoe D:\x`).
 */
function segmentEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + 64);
  let end = start;
  while (end < limit) {
    const c = text[end];
    // An apostrophe inside a name (`O'Neil`) is part of it; a closing quote is not.
    const inName = c === "'" && /\p{L}/u.test(text[end - 1] ?? "") &&
      /\p{L}/u.test(text[end + 1] ?? "");
    if (c === "/" || c === "\\" || (SEGMENT_END.test(c) && !inName)) break;
    end++;
  }
  const segment = text.slice(start, end);
  const atSeparator = end < text.length && (text[end] === "/" || text[end] === "\\") &&
    !/\s$/.test(segment);
  if (!/\s/.test(segment)) return end;
  const words = segment.split(/(\s+)/);
  let length = words[0].length;
  for (let k = 1; k + 1 < words.length; k += 2) {
    const word = words[k + 1];
    if (!(atSeparator ? LETTER_START : UPPER_START).test(word)) break;
    if (k + 2 === words.length && DRIVE.test(text.slice(end - word.length, end + 3))) break;
    length += words[k].length + word.length;
  }
  return start + length;
}

/** Whether the path at `index` is inside an http(s) URL (a web route, not a home). */
function insideWebUrl(text: string, index: number): boolean {
  const window = text.slice(Math.max(0, index - 300), index);
  if (!window.includes("://")) return false;
  const token = /[^\s"'`(]*$/.exec(window)![0];
  return /^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(token) && !/^file:/i.test(token);
}
