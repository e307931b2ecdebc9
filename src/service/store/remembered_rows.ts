/**
 * The rows admission reads for every report that never change once
 * committed — an install's first admission (`installs`), the case a
 * fingerprint key files under (`fingerprints`) — remembered by a store's
 * process so most reports skip reading them. Only committed values may be
 * remembered (a row of a transaction that rolls back would be wrong). Each
 * kind holds at most `max` entries; past that it starts again empty.
 *
 * @module
 */

/** Remembered rows of one store. */
export class RememberedRows {
  readonly #firstAdmitted = new Map<string, number>();
  readonly #caseOfKey = new Map<string, string>();

  /**
   * @example Forgets everything at once when full
   * ```ts
   * import assert from "node:assert/strict";
   * import { RememberedRows } from "./remembered_rows.ts";
   * const rows = new RememberedRows(1);
   * rows.rememberInstall("a", 5);
   * assert.equal(rows.firstAdmitted("a"), 5);
   * rows.rememberInstall("b", 6);
   * assert.equal(rows.firstAdmitted("a"), undefined);
   * assert.equal(rows.firstAdmitted("b"), 6);
   * ```
   */
  constructor(readonly max = 100_000) {}

  /** An install's first admission, when remembered. */
  firstAdmitted(installKey: string): number | undefined {
    return this.#firstAdmitted.get(installKey);
  }

  /** The case a fingerprint key files under, when remembered. */
  caseOfKey(key: string): string | undefined {
    return this.#caseOfKey.get(key);
  }

  /** Remembers a committed install row. */
  rememberInstall(installKey: string, firstAdmitted: number): void {
    remember(this.#firstAdmitted, this.max, installKey, firstAdmitted);
  }

  /** Remembers a committed fingerprint row. */
  rememberCase(key: string, caseId: string): void {
    remember(this.#caseOfKey, this.max, key, caseId);
  }
}

function remember<V>(map: Map<string, V>, max: number, key: string, value: V): void {
  if (map.size >= max && !map.has(key)) map.clear();
  map.set(key, value);
}
