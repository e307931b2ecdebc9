/**
 * The span board: every rule pass reports ranges of the ORIGINAL text, either
 * to redact (with a category) or to keep verbatim. Earlier passes win: a
 * redaction touching a kept range or partly overlapping an earlier redaction
 * is dropped, a keep touching a redaction is dropped, and a redaction that
 * contains earlier ones whole absorbs them. Rendering replaces each
 * redacted range with its category's placeholder. Every operation costs the
 * length of its range, so a whole sanitization stays linear in the input.
 *
 * @module
 */
import { PLACEHOLDERS, type RedactionSummary, type SensitiveCategory } from "./categories.ts";

/** One redacted range of the original text. */
export interface RedactedSpan {
  start: number;
  end: number;
  category: SensitiveCategory;
}

/**
 * The original text of one rendered redaction and the placeholder that took
 * its place. Raw personal or secret data: for finding the same value in
 * other text, never to be stored, printed or sent.
 */
export interface RedactedValue {
  value: string;
  placeholder: string;
  category: SensitiveCategory;
}

const KEPT = -1;

/** Collects keep and redact decisions over one text, then renders the result. */
export class SpanBoard {
  /** The original text every range refers to. */
  readonly text: string;
  /** Per UTF-16 unit: 0 free, -1 kept, k > 0 owned by span k - 1. */
  readonly #owner: Int32Array;
  readonly #spans: (RedactedSpan | null)[] = [];

  constructor(text: string) {
    this.text = text;
    this.#owner = new Int32Array(text.length);
  }

  /**
   * Redacts `[start, end)` as `category`. Returns false when the range
   * touches a kept range or is already covered by an earlier redaction.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("mail ada@example.org now");
   * board.redact(5, 20, "email");
   * assert(board.render().text === "mail <EMAIL> now");
   * ```
   */
  redact(start: number, end: number, category: SensitiveCategory): boolean {
    if (start < 0 || end > this.text.length || start >= end) return false;
    // An earlier redaction wins unless the new range contains it whole (a
    // secret value holding a vendor token): then the wider range absorbs it.
    let absorbs = false;
    for (let i = start; i < end; i++) {
      const owner = this.#owner[i];
      if (owner === KEPT) return false;
      if (owner > 0) {
        const span = this.#spans[owner - 1]!;
        if (span.start < start || span.end > end) return false;
        absorbs = true;
      }
    }
    if (absorbs) {
      for (let i = start; i < end; i++) {
        if (this.#owner[i] > 0) this.#spans[this.#owner[i] - 1] = null;
      }
    }
    this.#spans.push({ start, end, category });
    this.#owner.fill(this.#spans.length, start, end);
    return true;
  }

  /**
   * Whether any of `[start, end)` is already redacted.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("abcdef");
   * board.redact(2, 4, "password");
   * assert(board.hasRedaction(0, 3) && !board.hasRedaction(4, 6));
   * ```
   */
  hasRedaction(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.#owner[i] > 0) return true;
    return false;
  }

  /**
   * Marks `[start, end)` as innocent: later passes cannot redact inside it.
   * Returns false (and keeps nothing) when part of it is already redacted.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("v1.2.3.4");
   * board.keep(0, 8);
   * assert(!board.redact(1, 8, "ipv4"));
   * ```
   */
  keep(start: number, end: number): boolean {
    if (start < 0 || end > this.text.length || start >= end) return false;
    for (let i = start; i < end; i++) if (this.#owner[i] > 0) return false;
    for (let i = start; i < end; i++) if (this.#owner[i] === 0) this.#owner[i] = KEPT;
    return true;
  }

  /**
   * Whether no pass has claimed (kept or redacted) any of `[start, end)`.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * assert(new SpanBoard("abc").isFree(0, 3));
   * ```
   */
  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.#owner[i] !== 0) return false;
    return true;
  }

  /**
   * Whether position `index` is inside a redacted range.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("abc");
   * board.redact(0, 1, "password");
   * assert(board.isRedacted(0) && !board.isRedacted(1));
   * ```
   */
  isRedacted(index: number): boolean {
    return this.#owner[index] > 0;
  }

  /**
   * The redacted ranges so far, in text order.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("x 10.1.2.3");
   * board.redact(2, 10, "ipv4");
   * assert(board.spans()[0].category === "ipv4");
   * ```
   */
  spans(): RedactedSpan[] {
    return this.#spans.filter((span): span is RedactedSpan => span !== null)
      .sort((a, b) => a.start - b.start);
  }

  /**
   * The text with every redacted range replaced by its placeholder, and the
   * count of redactions per category. With `original` (a folded text's
   * source and offset maps, see `normalise.ts`), the ranges are mapped back
   * and the original text is rendered around them.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("ip 10.1.2.3");
   * board.redact(3, 11, "ipv4");
   * assert(board.render().summary.ipv4 === 1);
   * ```
   */
  render(original?: {
    text: string;
    startOf: ArrayLike<number>;
    endOf: ArrayLike<number>;
  }): { text: string; summary: RedactionSummary } {
    const { text, summary } = this.renderWithValues(original);
    return { text, summary };
  }

  /**
   * {@link render}, plus the original value behind each placeholder written
   * ({@link RedactedValue}: raw data, never to be stored, printed or sent).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SpanBoard } from "./span_board.ts";
   * const board = new SpanBoard("ip 10.1.2.3");
   * board.redact(3, 11, "ipv4");
   * assert.deepEqual(board.renderWithValues().redacted, [{ value: "10.1.2.3", placeholder: "<IP>", category: "ipv4" }]);
   * ```
   */
  renderWithValues(original?: {
    text: string;
    startOf: ArrayLike<number>;
    endOf: ArrayLike<number>;
  }): { text: string; summary: RedactionSummary; redacted: RedactedValue[] } {
    const summary: RedactionSummary = {};
    const redacted: RedactedValue[] = [];
    const parts: string[] = [];
    const source = original?.text ?? this.text;
    let cursor = 0;
    for (const span of this.spans()) {
      // Board offsets are offsets of the folded text: map them back when given.
      const start = original ? original.startOf[span.start] : span.start;
      const end = original ? original.endOf[span.end - 1] : span.end;
      if (start < cursor) continue;
      parts.push(source.slice(cursor, start), PLACEHOLDERS[span.category]);
      redacted.push({
        value: source.slice(start, end),
        placeholder: PLACEHOLDERS[span.category],
        category: span.category,
      });
      cursor = end;
      summary[span.category] = (summary[span.category] ?? 0) + 1;
    }
    parts.push(source.slice(cursor));
    return { text: parts.join(""), summary, redacted };
  }
}
