/**
 * The chaos verdict on hand-made evidence: each promise it checks (nothing
 * lost, nothing twice, one case per failure, honest case ids, clean queues,
 * no real 5xx) fails when that promise is broken.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { type ChaosEvidence, judgeChaos, type Launch } from "../../tools/chaos/chaos_verdict.ts";

const submitted = (id: string, failure: string, caseId: string): Launch => ({
  failure,
  killed: false,
  outcome: { status: "submitted", reportId: id, caseId },
});
const queued = (id: string, failure: string): Launch => ({
  failure,
  killed: false,
  outcome: { status: "queued", reportId: id, reason: "503" },
});

function evidence(overrides: Partial<ChaosEvidence> = {}): ChaosEvidence {
  return {
    launches: [submitted("r1", "E_A", "C1"), queued("r2", "E_B"), submitted("r3", "E_A", "C1")],
    flushedCases: new Map([["r2", "C2"]]),
    dropped: new Map(),
    stored: [
      { id: "r1", caseId: "C1", failure: "E_A" },
      { id: "r2", caseId: "C2", failure: "E_B" },
      { id: "r3", caseId: "C1", failure: "E_A" },
    ],
    leftovers: { entries: [], halfWritten: [], setAside: [], staleTemps: [], freshTemps: 1 },
    upstreamStatuses: { 201: 3, 200: 1 },
    ...overrides,
  };
}

Deno.test("a clean run: everything accepted is delivered, no violation", () => {
  const verdict = judgeChaos(evidence());
  deepEqual(verdict.violations, []);
  deepEqual(
    [verdict.accepted, verdict.acceptedSubmitted, verdict.acceptedQueued, verdict.delivered],
    [3, 2, 1, 3],
  );
});

Deno.test("an accepted report missing from the store is lost, with the queue's drop reason", () => {
  const verdict = judgeChaos(evidence({
    stored: evidence().stored.filter((r) => r.id !== "r2"),
    dropped: new Map([["r2", "rejected by the service (422)"]]),
  }));
  deepEqual(verdict.lost, ["r2"]);
  match(verdict.violations[0], /^lost: report r2 .*\(rejected by the service \(422\)\)$/);
});

Deno.test("a report the queue's cap dropped is counted apart, not as lost", () => {
  const verdict = judgeChaos(evidence({
    stored: evidence().stored.filter((r) => r.id !== "r2"),
    dropped: new Map([["r2", "queue full (100 reports): oldest dropped first"]]),
  }));
  deepEqual([verdict.lost, verdict.droppedByCap, verdict.violations], [[], ["r2"], []]);
  equal(verdict.delivered, 2);
});

Deno.test("a failure stored more often than it was reported is duplicated", () => {
  const stored = [...evidence().stored, { id: "r9", caseId: "C2", failure: "E_B" }];
  const verdict = judgeChaos(evidence({ stored }));
  equal(verdict.duplicated, 1);
});

Deno.test("one failure in two cases, and one case holding two failures, are both caught", () => {
  const stored = [
    { id: "r1", caseId: "C1", failure: "E_A" },
    { id: "r2", caseId: "C1", failure: "E_B" },
    { id: "r3", caseId: "C3", failure: "E_A" },
  ];
  const verdict = judgeChaos(evidence({ stored, flushedCases: new Map() }));
  deepEqual(verdict.splitFailures, ["E_A"]);
  deepEqual(verdict.mixedCases, ["C1"]);
});

Deno.test("a case id told to the client that differs from the stored one is caught", () => {
  const verdict = judgeChaos(evidence({ flushedCases: new Map([["r2", "C9"]]) }));
  deepEqual(verdict.caseMismatches, ["r2"]);
});

Deno.test("dirty queues and real 5xx answers are violations; fresh crash temp files are not", () => {
  const verdict = judgeChaos(evidence({
    leftovers: {
      entries: ["r7"],
      halfWritten: ["/q/r8.report"],
      setAside: ["/q/r6.report.corrupt"],
      staleTemps: ["/q/.tmp-x"],
      freshTemps: 3,
    },
    upstreamStatuses: { 201: 3, 500: 2 },
  }));
  equal(verdict.serviceErrors, 2);
  equal(verdict.violations.length, 5);
});

Deno.test("a rejected well-formed report is a violation, and not counted as accepted", () => {
  const launches = [
    ...evidence().launches,
    {
      failure: "E_C",
      killed: false,
      outcome: { status: "rejected", reportId: "r4", reason: "422" },
    },
  ] satisfies Launch[];
  const verdict = judgeChaos(evidence({ launches }));
  equal(verdict.accepted, 3);
  equal(verdict.rejected, 1);
  equal(verdict.violations.length, 1);
});
