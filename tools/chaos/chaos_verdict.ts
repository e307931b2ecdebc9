/**
 * The chaos run's judgement, as a pure function of what happened: what the
 * client processes said, what the service stored, what the queues still hold
 * and what the proxy saw. Nothing lost, nothing twice:
 *
 * - every report a client accepted (`submitted` or `queued`) is stored, or
 *   was dropped by the queue's own caps (100 reports, 30 days: by design, with
 *   a record), which is counted apart;
 * - no failure is stored more often than it was reported, no failure is split
 *   over two cases and no case mixes two failures;
 * - the case a client was told is the case that holds the report;
 * - no queue entry is half-written or set aside as corrupt, no stale crash
 *   temp file is left, nothing stays queued after the final flush;
 * - the service itself never answered 5xx (injected answers are the proxy's).
 *
 * @module
 */
import type { ReportOutcome } from "./caro_process.ts";

/** One `caro report` process of the run. */
export interface Launch {
  /** The failure it reported (its error code). */
  failure: string;
  outcome: ReportOutcome;
  killed: boolean;
}

/** A report row in the service's store. */
export interface StoredReport {
  id: string;
  caseId: string;
  /** `failure.error_code` of the stored body. */
  failure?: string;
}

/** What the queue directories hold after the final flush. */
export interface QueueLeftovers {
  /** Report ids still queued (readable entries). */
  entries: string[];
  /** Entry files that do not decode. */
  halfWritten: string[];
  /** Files set aside as `.corrupt` by a caro process during the run. */
  setAside: string[];
  /** Crash temp files old enough that the reader should have removed them. */
  staleTemps: string[];
  /** Fresh crash temp files (allowed: the reader ignores them). */
  freshTemps: number;
}

/** Reasons the client records when its queue caps (100 reports, 30 days) drop a report. */
const QUEUE_CAP_REASON = /^(queue full \(|unsent after \d+ days)/;

/** Everything {@link judgeChaos} looks at. */
export interface ChaosEvidence {
  launches: Launch[];
  /** Report id → case id, from every `caro queue flush --json` that printed. */
  flushedCases: Map<string, string>;
  /** Report ids a caro process dropped from its queue (caps, 4xx), with the reason. */
  dropped: Map<string, string>;
  stored: StoredReport[];
  leftovers: QueueLeftovers;
  /** Answers of the real service by status, as the proxy saw them. */
  upstreamStatuses: Record<number, number>;
  /** caro runs whose stdout or stderr carried a control or bidi character, described. */
  unsafeOutputs?: string[];
  /** Rate limits recorded further than 24 h ahead (an uncapped `Retry-After`), described. */
  uncappedRateLimits?: string[];
}

/** The counts and the violations found. */
export interface ChaosVerdict {
  launched: number;
  killed: number;
  accepted: number;
  acceptedSubmitted: number;
  acceptedQueued: number;
  rejected: number;
  delivered: number;
  /** Stored reports no client had acknowledged (killed after queueing or sending). */
  deliveredUnacknowledged: number;
  lost: string[];
  /**
   * Accepted reports the client's queue caps dropped (oldest first, recorded
   * in `dropped.jsonl`, shown by `caro queue`): by design, not counted as lost.
   */
  droppedByCap: string[];
  duplicated: number;
  splitFailures: string[];
  mixedCases: string[];
  caseMismatches: string[];
  serviceErrors: number;
  violations: string[];
}

/**
 * Judges one chaos run.
 *
 * @example One report accepted and stored once
 * ```ts
 * import assert from "node:assert/strict";
 * import { judgeChaos } from "./chaos_verdict.ts";
 * const verdict = judgeChaos({
 *   launches: [{ failure: "E_A", killed: false, outcome: { status: "submitted", reportId: "r1", caseId: "C1" } }],
 *   flushedCases: new Map(), dropped: new Map(),
 *   stored: [{ id: "r1", caseId: "C1", failure: "E_A" }],
 *   leftovers: { entries: [], halfWritten: [], setAside: [], staleTemps: [], freshTemps: 0 },
 *   upstreamStatuses: { 201: 1 },
 * });
 * assert(verdict.violations.length === 0 && verdict.delivered === 1);
 * ```
 */
export function judgeChaos(evidence: ChaosEvidence): ChaosVerdict {
  const violations: string[] = [];
  const storedById = new Map(evidence.stored.map((r) => [r.id, r]));
  const accepted = evidence.launches.filter((l) =>
    l.outcome.status === "submitted" || l.outcome.status === "queued"
  );
  const acceptedIds = new Set(accepted.map((l) => (l.outcome as { reportId: string }).reportId));
  const missing = [...acceptedIds].filter((id) => !storedById.has(id));
  // The queue's caps (count, age) drop the oldest reports by design, with a record.
  const droppedByCap = missing.filter((id) =>
    QUEUE_CAP_REASON.test(evidence.dropped.get(id) ?? "")
  );
  const lost = missing.filter((id) => !droppedByCap.includes(id));
  for (const id of lost) {
    const why = evidence.dropped.get(id);
    violations.push(`lost: report ${id} was accepted but is not stored${why ? ` (${why})` : ""}`);
  }

  const launchesPerFailure = new Map<string, number>();
  for (const l of evidence.launches) {
    launchesPerFailure.set(l.failure, (launchesPerFailure.get(l.failure) ?? 0) + 1);
  }
  const storedPerFailure = new Map<string, StoredReport[]>();
  for (const r of evidence.stored) {
    const key = r.failure ?? "(none)";
    storedPerFailure.set(key, [...(storedPerFailure.get(key) ?? []), r]);
  }
  let duplicated = 0;
  const splitFailures: string[] = [];
  for (const [failure, rows] of storedPerFailure) {
    const launched = launchesPerFailure.get(failure) ?? 0;
    if (rows.length > launched) {
      duplicated += rows.length - launched;
      violations.push(
        `duplicated: failure ${failure} stored ${rows.length} times, reported ${launched} times`,
      );
    }
    const cases = new Set(rows.map((r) => r.caseId));
    if (cases.size > 1) {
      splitFailures.push(failure);
      violations.push(`case created twice: failure ${failure} is in ${[...cases].join(", ")}`);
    }
  }
  const failuresPerCase = new Map<string, Set<string>>();
  for (const r of evidence.stored) {
    failuresPerCase.set(
      r.caseId,
      (failuresPerCase.get(r.caseId) ?? new Set()).add(r.failure ?? ""),
    );
  }
  const mixedCases = [...failuresPerCase].filter(([, f]) => f.size > 1).map(([c]) => c);
  for (const caseId of mixedCases) {
    violations.push(
      `case ${caseId} mixes failures ${[...failuresPerCase.get(caseId)!].join(", ")}`,
    );
  }

  const told = new Map(evidence.flushedCases);
  for (const l of evidence.launches) {
    if (l.outcome.status === "submitted") told.set(l.outcome.reportId, l.outcome.caseId);
  }
  const caseMismatches = [...told].filter(([id, caseId]) => {
    const row = storedById.get(id);
    return row !== undefined && row.caseId !== caseId;
  }).map(([id]) => id);
  for (const id of caseMismatches) {
    violations.push(
      `report ${id}: the client was told case ${told.get(id)}, the service stored ${
        storedById.get(id)!.caseId
      }`,
    );
  }

  const rejected = evidence.launches.filter((l) => l.outcome.status === "rejected");
  for (const l of rejected) {
    violations.push(`a well-formed report was rejected: ${JSON.stringify(l.outcome)}`);
  }
  const { leftovers } = evidence;
  for (const id of leftovers.entries) violations.push(`still queued after the final flush: ${id}`);
  for (const f of leftovers.halfWritten) violations.push(`half-written queue file: ${f}`);
  for (const f of leftovers.setAside) violations.push(`queue file set aside as corrupt: ${f}`);
  for (const f of leftovers.staleTemps) violations.push(`stale crash temp file not cleaned: ${f}`);
  for (const run of evidence.unsafeOutputs ?? []) {
    violations.push(`a control or bidi character reached the terminal: ${run}`);
  }
  for (const limit of evidence.uncappedRateLimits ?? []) {
    violations.push(`a rate limit past 24 h was recorded: ${limit}`);
  }
  const serviceErrors = Object.entries(evidence.upstreamStatuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  if (serviceErrors > 0) {
    violations.push(`the service itself answered 5xx ${serviceErrors} times (not injected)`);
  }

  const delivered = acceptedIds.size - missing.length;
  return {
    launched: evidence.launches.length,
    killed: evidence.launches.filter((l) => l.killed).length,
    accepted: acceptedIds.size,
    acceptedSubmitted: accepted.filter((l) => l.outcome.status === "submitted").length,
    acceptedQueued: accepted.filter((l) => l.outcome.status === "queued").length,
    rejected: rejected.length,
    delivered,
    deliveredUnacknowledged: evidence.stored.filter((r) => !acceptedIds.has(r.id)).length,
    lost,
    droppedByCap,
    duplicated,
    splitFailures,
    mixedCases,
    caseMismatches,
    serviceErrors,
    violations,
  };
}
