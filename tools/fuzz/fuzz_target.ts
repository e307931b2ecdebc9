/**
 * What a fuzz target is: a generator of inputs from a seeded random source,
 * and a check that runs one input against the code under test and says what
 * went wrong, if anything. Inputs are bytes, so every finding can be saved as
 * a file under `tests/fuzz/corpus/<target>/` and replayed.
 *
 * @module
 */
import type { SeededRandom } from "../chaos/seeded_random.ts";

/** One fuzz target. */
export interface FuzzTarget {
  /** Also the corpus directory's name: `api`, `config`, `queue`, `sanitizer`. */
  name: string;
  /** Makes one input. */
  generate(random: SeededRandom): Uint8Array | Promise<Uint8Array>;
  /** Runs one input; a string describes what went wrong, `undefined` means fine. */
  check(input: Uint8Array): Promise<string | undefined>;
  /** What the inputs led to so far (e.g. answers by status), printed after a run. */
  tally?(): Record<string, number>;
  /** Releases what the target started (a service, temp dirs). */
  close?(): Promise<void>;
}

/**
 * Describes a thrown value in one line for a finding.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeThrown } from "./fuzz_target.ts";
 * assert(describeThrown(new RangeError("too deep")) === "threw RangeError: too deep");
 * ```
 */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `threw ${error.name}: ${error.message.split("\n")[0]}`;
  return `threw ${String(error)}`;
}
