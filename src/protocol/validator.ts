/**
 * The validator interface the protocol's public schemas are typed as. The
 * values are zod (`zod/mini`) schemas; the public type names only what
 * callers use (`safeParse`, and `options` for enumerations), so the library's
 * API does not expose zod's internal types.
 *
 * @module
 */

/** One problem a validator found. */
export interface ValidationIssue {
  /** Where in the value: keys and indexes from the root. */
  readonly path: readonly PropertyKey[];
  /** What is wrong, in words. */
  readonly message: string;
  /** The kind of problem (zod's issue codes, e.g. `unrecognized_keys`). */
  readonly code?: string;
  /** For `unrecognized_keys`: the keys that are not allowed. */
  readonly keys?: readonly string[];
}

/** What {@link Validator.safeParse} returns: the typed value, or the issues. */
export type ValidationResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: { readonly issues: readonly ValidationIssue[] } };

/**
 * Checks an unknown value against a schema.
 *
 * @example A zod schema is a Validator
 * ```ts
 * import assert from "node:assert/strict";
 * import * as z from "zod/mini";
 * import type { Validator } from "./validator.ts";
 * const port: Validator<number> = z.int();
 * assert.equal(port.safeParse(80).success, true);
 * assert.equal(port.safeParse("80").success, false);
 * ```
 */
export interface Validator<T> {
  /** Validates `value` without throwing. */
  safeParse(value: unknown): ValidationResult<T>;
}

/** A {@link Validator} of one of a fixed list of strings. */
export interface EnumValidator<T extends string> extends Validator<T> {
  /** The accepted values, in their documented order. */
  readonly options: readonly T[];
}
