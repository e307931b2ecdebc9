/**
 * The two kinds of error caro knows. A {@link UsageError} is the caller's
 * mistake (bad flag, bad argument): `main.ts` prints usage and exits 2. A
 * {@link CaroError} is an expected failure with a one-line, user-facing
 * message (a corrupt file, a dead network): `main.ts` prints it and exits
 * with its code. Anything else is a bug.
 *
 * @module
 */

/**
 * An expected failure with a message written for the user.
 *
 * @example Throwing a clear error
 * ```ts
 * import assert from "node:assert/strict";
 * import { CaroError } from "./errors.ts";
 * const err = new CaroError('Cannot read queue file "a.json": not JSON', { exitCode: 1 });
 * assert(err.exitCode === 1);
 * ```
 */
export class CaroError extends Error {
  /** The process exit code `main.ts` uses for this error. */
  readonly exitCode: number;

  /** A one-line `message`; `exitCode` defaults to 1, `cause` is shown with `--verbose`. */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CaroError";
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * The caller used the command wrongly; exits 2 after printing usage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./errors.ts";
 * const err = new UsageError("--failure-type must be one of generation, validation");
 * assert(err.exitCode === 2);
 * ```
 */
export class UsageError extends CaroError {
  /** What was wrong with the command line, one line. */
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = "UsageError";
  }
}
