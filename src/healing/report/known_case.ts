/**
 * Before sending, after consent: asks the service whether this problem is
 * already a case (`GET /v1/known/{key}`, the key being the report's dedup
 * signature key, a hash of coarse fields). The report is still sent (it is
 * the "+1"), but the user learns at once which case to follow, or that a
 * fix is already released. Best effort: any failure is just "unknown"; a
 * redirect is not followed, the answer is read up to 64 KB, and its strings
 * pass `printableText` before they can reach the terminal.
 *
 * @module
 */
import { reportSignature } from "../../protocol/report/signature.ts";
import type { SanitizedReport } from "../../protocol/report/schema.ts";
import { printableText } from "../../platform/printable_text.ts";
import { MAX_ANSWER_BYTES, readCapped } from "../submit/signed_fetch.ts";
import { fixAdvice } from "../notification/fix_advice.ts";
import { CARO_VERSION } from "../../version.ts";

/** What the service knows about the problem. */
export interface KnownCase {
  caseId: string;
  status: string;
  trackUrl: string;
  fixedIn?: string;
}

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Looks the report's signature key up; `undefined` when unknown, on any
 * error, after `timeoutMs`, or once `signal` (Ctrl-C) aborts.
 *
 * @example Nothing listens: unknown
 * ```ts
 * import assert from "node:assert/strict";
 * import { lookupKnownCase } from "./known_case.ts";
 * const known = await lookupKnownCase({
 *   endpoint: "http://127.0.0.1:9", timeoutMs: 500,
 *   report: { platform: { os: "linux", arch: "x86_64" }, request: { intent_category: "other" },
 *     failure: { failure_type: "timeout", stage: "inference", safety_patterns_triggered: [] } } as never,
 * });
 * assert(known === undefined);
 * ```
 */
export async function lookupKnownCase(options: {
  endpoint: string;
  report: SanitizedReport;
  timeoutMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}): Promise<KnownCase | undefined> {
  try {
    const { key } = await reportSignature(options.report);
    const url = new URL(`${options.endpoint.replace(/\/+$/, "")}/v1/known/${key}`);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 2000);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const response = await (options.fetch ?? fetch)(url, { signal, redirect: "manual" });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    const known = JSON.parse(await readCapped(response, MAX_ANSWER_BYTES, url));
    if (
      typeof known?.case_id !== "string" || !CASE_ID.test(known.case_id) ||
      typeof known.status !== "string" || typeof known.track_url !== "string"
    ) return undefined;
    return {
      caseId: known.case_id,
      status: printableText(known.status).slice(0, 32),
      trackUrl: printableText(known.track_url).slice(0, 512),
      ...(typeof known.fixed_in === "string"
        ? { fixedIn: printableText(known.fixed_in).slice(0, 64) }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * One line for stderr about a known case; a fixed one says whether the
 * installed caro (`installed`, default this build) already has the fix.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeKnownCase } from "./known_case.ts";
 * const known = { caseId: "CARO-2026-0042", status: "open", trackUrl: "https://h/c" };
 * assert.equal(describeKnownCase(known), "Known problem: +1 on CARO-2026-0042 (open); follow it at https://h/c");
 * const fixed = { ...known, status: "resolved", fixedIn: "1.4.2" };
 * assert.match(describeKnownCase(fixed, "1.3.0"), /\(resolved, fixed in 1\.4\.2: upgrade to 1\.4\.2 \(you have 1\.3\.0\)\)/);
 * assert.match(describeKnownCase(fixed, "1.4.2"), /fixed in 1\.4\.2, which you have: run your request again/);
 * ```
 */
export function describeKnownCase(known: KnownCase, installed: string = CARO_VERSION): string {
  const fixed = known.fixedIn ? `, ${fixAdvice(known.fixedIn, installed)}` : "";
  return `Known problem: +1 on ${known.caseId} (${known.status}${fixed}); follow it at ${known.trackUrl}`;
}
