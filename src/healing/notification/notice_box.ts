/**
 * The start-up box for new notices, as pure text (no colour: it goes to a
 * terminal's stderr, and `NO_COLOR` needs no special case).
 *
 * @module
 */
import type { Notice } from "./notice_store.ts";
import { printableText } from "../../platform/printable_text.ts";
import { fixAdvice } from "./fix_advice.ts";

const WIDTH = 72;

/**
 * Renders notices in a box, one wrapped paragraph each, with a how-to line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderNoticeBox } from "./notice_box.ts";
 * const box = renderNoticeBox([{ id: "n1", caseId: "CARO-2026-0001", status: "resolved", fixedIn: "1.4.2", message: "fixed in 1.4.2, upgrade", createdAt: 0 }]);
 * assert(box.startsWith("╭") && box.includes("CARO-2026-0001"));
 * ```
 */
export function renderNoticeBox(notices: readonly Notice[]): string {
  const inner = WIDTH - 4;
  const lines: string[] = [];
  for (const notice of notices) {
    lines.push(...wrap(noticeLine(notice), inner));
  }
  lines.push("", ...wrap("caro notifications lists them · --dismiss ID hides one", inner));
  const title = ` caro: ${
    notices.length === 1 ? "news about your report" : "news about your reports"
  } `;
  const top = `╭─${title}${"─".repeat(Math.max(0, WIDTH - 3 - title.length))}╮`;
  const body = lines.map((line) => `│ ${line.padEnd(inner)} │`);
  return [top, ...body, `╰${"─".repeat(WIDTH - 2)}╯`].join("\n") + "\n";
}

/**
 * One notice as a sentence: for a fix, what to do with this caro's
 * version ({@link fixAdvice}); otherwise the message, led by the case id
 * when the message does not name it already.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { noticeLine } from "./notice_box.ts";
 * const n = { id: "1", caseId: "CARO-2026-0001", status: "triage", message: "a maintainer is on it", createdAt: 0 };
 * assert(noticeLine(n) === "CARO-2026-0001 (triage): a maintainer is on it");
 * assert(noticeLine({ ...n, message: "CARO-2026-0001 is fixed in 1.4.2" }) === "CARO-2026-0001 is fixed in 1.4.2");
 * assert(noticeLine({ ...n, status: "resolved", fixedIn: "999.0.0", message: "upgrade caro" })
 *   .startsWith("CARO-2026-0001: fixed in 999.0.0: upgrade to 999.0.0 (you have "));
 * ```
 */
export function noticeLine(notice: Notice): string {
  // A fix's advice depends on the caro reading it, so it is the client's words, not the service's.
  if (notice.fixedIn) return `${notice.caseId}: ${fixAdvice(notice.fixedIn)}`;
  return notice.message.includes(notice.caseId)
    ? notice.message
    : `${notice.caseId} (${notice.status}): ${notice.message}`;
}

/**
 * `text` fit for the terminal: notice text comes from the service and must
 * never drive it. The platform's one gate, `printableText` (controls and
 * bidi characters removed, U+202E included), under the name the notice
 * listing uses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { printable } from "./notice_box.ts";
 * assert(printable("fixed\u001b[2J\u202E") === "fixed[2J");
 * ```
 */
export function printable(text: string): string {
  return printableText(text);
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of printable(text).split(/\s+/)) {
    if (word === "") continue;
    for (let piece = word; piece.length > 0; piece = piece.slice(width)) {
      const part = piece.slice(0, width);
      if (line === "") line = part;
      else if (line.length + 1 + part.length <= width) line += ` ${part}`;
      else {
        out.push(line);
        line = part;
      }
    }
  }
  if (line !== "") out.push(line);
  return out;
}
