/**
 * The chaos run in the suite: 50 rounds (~100 real caro processes, faults on
 * about half the connections, a hostile service among them, SIGKILLs, Ctrl-C
 * mid-send, a service restart, crash temp files) through the fault proxy
 * into the real service; nothing may be lost or duplicated, and no escape
 * from the service may reach a terminal. The final flush moves past the
 * rate limits the run recorded (after checking they end within 24 h) rather
 * than waiting them out, so the run stays well under 90 s. Every caro
 * process runs the bundle (`deno task bundle`'s artefact, what a binary
 * embeds): the same code as main.ts, without loading ~100 sources per
 * process. The long run is `deno task chaos -- --runs 1000 --seed 1`.
 */
import { deepEqual, ok } from "node:assert/strict";
import { runChaos } from "../../tools/chaos/chaos_run.ts";
import { sharedBundle } from "../distribution/bundle.ts";

const HOSTILE = ["hostile_answer", "huge_answer", "redirect", "absurd_retry_after"] as const;

Deno.test("chaos, 50 rounds: every accepted report stored exactly once, one case per failure", async () => {
  const result = await runChaos({ runs: 50, seed: 7, caroEntry: await sharedBundle() });
  deepEqual(result.verdict.violations, [], `work directory kept: ${result.workDir}`);
  // Every report is written to the queue ahead of sending now, so the kills at a queue
  // write (15 %) and Ctrl-C (15 %) end more of the ~100 processes before they answer.
  ok(result.verdict.accepted > 40, `only ${result.verdict.accepted} reports accepted`);
  ok(result.restarts >= 1);
  const injected = Object.entries(result.faults).filter(([k, n]) => k !== "pass" && n > 0);
  ok(injected.length >= 5, `only ${injected.length} fault kinds injected`);
  ok(HOSTILE.reduce((sum, kind) => sum + result.faults[kind], 0) > 0, "a hostile service answered");
  ok(result.interrupts >= 1, "a report was interrupted mid-send");
});
