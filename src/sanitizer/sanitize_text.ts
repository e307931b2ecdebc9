/**
 * `sanitizeText`: the sanitizer's core. Runs the rule passes in a fixed order
 * over one {@link SpanBoard}, then renders typed placeholders. The order is
 * the policy's: exact formats before guesses, and the keep pass before the
 * passes that could mistake innocent text for personal data.
 *
 * @module
 */
import type { SanitizedText } from "../protocol/report/schema.ts";
import type { RedactionSummary } from "./categories.ts";
import { type RedactedValue, SpanBoard } from "./span_board.ts";
import { vendorTokenPass } from "./rules/vendor_tokens.ts";
import { structurePass } from "./rules/structure.ts";
import { contextPass } from "./rules/context.ts";
import { emailPass } from "./rules/email.ts";
import { keepPass } from "./rules/keep.ts";
import { homePathPass } from "./rules/home_paths.ts";
import { uncHostPass } from "./rules/unc_hosts.ts";
import { networkPass } from "./rules/network.ts";
import { cardPass } from "./rules/cards.ts";
import { phonePass } from "./rules/phones.ts";
import { peoplePass } from "./rules/people.ts";
import { protectPass } from "./rules/protect.ts";
import { normaliseText } from "./normalise.ts";

/** One rule pass: reads `board.text`, records keep and redact decisions. */
export type RulePass = (board: SpanBoard) => void;

/** The passes, in the order they run. */
export const RULE_PASSES: readonly RulePass[] = [
  protectPass,
  structurePass,
  vendorTokenPass,
  contextPass,
  emailPass,
  keepPass,
  homePathPass,
  uncHostPass,
  networkPass,
  cardPass,
  phonePass,
  peoplePass,
];

/** What {@link sanitizeText} returns. */
export interface SanitizeResult {
  /** The text with every sensitive span replaced by its typed placeholder. */
  text: SanitizedText;
  /** How many values of each category were redacted. */
  summary: RedactionSummary;
}

/**
 * Redacts everything personal or secret in `text` and counts what it did.
 *
 * @example Redacting an e-mail address and a private IP
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizeText } from "./sanitize_text.ts";
 * const { text, summary } = sanitizeText("ping 10.2.3.4 then mail ada@example.org");
 * assert(text === "ping <IP> then mail <EMAIL>");
 * assert(summary.ipv4 === 1 && summary.email === 1);
 * ```
 *
 * @example A full-width at sign and a zero-width space do not hide an address
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizeText } from "./sanitize_text.ts";
 * assert(sanitizeText("mail ada.l\u200Bovelace＠example.org ｔｈａｎｋｓ").text === "mail <EMAIL> ｔｈａｎｋｓ");
 * ```
 */
export function sanitizeText(text: string): SanitizeResult {
  const { text: sanitized, summary } = sanitizeTextWithValues(text);
  return { text: sanitized, summary };
}

/**
 * {@link sanitizeText}, plus the original value behind each placeholder it
 * wrote, so a caller can redact the same values wherever else they occur
 * (one report, one redaction). `text` and `summary` are exactly
 * `sanitizeText`'s; `redacted` is raw data: never store, print or send it.
 *
 * @example The password's value, to find it in another field
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizeTextWithValues } from "./sanitize_text.ts";
 * const { text, redacted } = sanitizeTextWithValues("mail ada@example.org");
 * assert.equal(text, "mail <EMAIL>");
 * assert.deepEqual(redacted, [{ value: "ada@example.org", placeholder: "<EMAIL>", category: "email" }]);
 * ```
 */
export function sanitizeTextWithValues(
  text: string,
): SanitizeResult & { redacted: RedactedValue[] } {
  // Passes match on folded text (NFKC, no zero-width characters); the
  // output keeps the original text outside the redacted spans.
  const folded = normaliseText(text);
  const board = new SpanBoard(folded?.text ?? text);
  for (const pass of RULE_PASSES) pass(board);
  const rendered = folded ? board.renderWithValues({ ...folded, text }) : board.renderWithValues();
  // The one place raw text becomes SanitizedText.
  return {
    text: rendered.text as SanitizedText,
    summary: rendered.summary,
    redacted: rendered.redacted,
  };
}
