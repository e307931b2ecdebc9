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
import { SpanBoard } from "./span_board.ts";
import { vendorTokenPass } from "./rules/vendor_tokens.ts";
import { structurePass } from "./rules/structure.ts";
import { contextPass } from "./rules/context.ts";
import { emailPass } from "./rules/email.ts";
import { keepPass } from "./rules/keep.ts";
import { homePathPass } from "./rules/home_paths.ts";
import { networkPass } from "./rules/network.ts";
import { cardPass } from "./rules/cards.ts";
import { phonePass } from "./rules/phones.ts";
import { peoplePass } from "./rules/people.ts";

/** One rule pass: reads `board.text`, records keep and redact decisions. */
export type RulePass = (board: SpanBoard) => void;

/** The passes, in the order they run. */
export const RULE_PASSES: readonly RulePass[] = [
  structurePass,
  vendorTokenPass,
  contextPass,
  emailPass,
  keepPass,
  homePathPass,
  networkPass,
  cardPass,
  phonePass,
  peoplePass,
];

/** What {@link sanitizeText} returns. */
export interface SanitizeResult {
  text: SanitizedText;
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
 */
export function sanitizeText(text: string): SanitizeResult {
  const board = new SpanBoard(text);
  for (const pass of RULE_PASSES) pass(board);
  const rendered = board.render();
  // The one place raw text becomes SanitizedText.
  return { text: rendered.text as SanitizedText, summary: rendered.summary };
}
