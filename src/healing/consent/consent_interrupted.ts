/**
 * Ctrl-C at the consent prompt: the run stops there. Nothing was sent and
 * nothing is remembered (the answer never reaches the code that remembers
 * or sends); the process exits 130, as a shell's Ctrl-C does.
 *
 * @module
 */
import { CaroError } from "../../errors.ts";

/**
 * Thrown by `askConsent` when the user presses Ctrl-C.
 *
 * @example Exit code 130
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConsentInterrupted } from "./consent_interrupted.ts";
 * const error = new ConsentInterrupted();
 * assert.equal(error.exitCode, 130);
 * assert.equal(error.message, "interrupted: nothing was sent and nothing was remembered");
 * ```
 */
export class ConsentInterrupted extends CaroError {
  /** Exit 130 (128 + SIGINT). */
  constructor() {
    super("interrupted: nothing was sent and nothing was remembered", { exitCode: 130 });
    this.name = "ConsentInterrupted";
  }
}
