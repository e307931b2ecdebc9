import { deepEqual, equal } from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import type { ClaimedJob } from "../store/outbox_port.ts";
import type { DrainPort } from "./drain_outbox.ts";
import { startOutboxWorker } from "./outbox_worker.ts";

Deno.test("outbox worker drains on its interval, by kind, and stops cleanly", async () => {
  const clock = FakeTimers.createClock(0);
  const pending: ClaimedJob[] = [
    { id: "1", kind: "github.case", payload: { caseId: "CARO-2026-001" }, attempt: 1 },
    { id: "2", kind: "email.notice", payload: { reportId: "r" }, attempt: 1 },
  ];
  const completed: string[] = [];
  const claimedKinds: string[][] = [];
  const outbox: DrainPort = {
    claimDue: (_now, limit, kinds) => {
      claimedKinds.push([...kinds]);
      return Promise.resolve(pending.splice(0, limit));
    },
    leaseMs: 300_000,
    renewLease: () => Promise.resolve(),
    complete: (id) => Promise.resolve(void completed.push(id)),
    retryLater: () => Promise.resolve(),
    fail: () => Promise.resolve(),
  };
  const handled: string[] = [];
  const results: number[] = [];
  const worker = startOutboxWorker({
    outbox,
    handlers: {
      "github.case": (job) => Promise.resolve(void handled.push(`gh:${job.id}`)),
      "email.notice": (job) => Promise.resolve(void handled.push(`mail:${job.id}`)),
    },
    intervalMs: 5_000,
    now: () => clock.now,
    setInterval: (fn, ms) => clock.setInterval(fn, ms) as unknown as number,
    clearInterval: (id) => clock.clearInterval(id),
    onDrain: (r) => results.push(r.done),
  });
  await clock.tickAsync(4_999);
  deepEqual(handled, []);
  await clock.tickAsync(1);
  await worker.tick(); // the timer's drain is in flight: tick joins it
  deepEqual(handled, ["gh:1", "mail:2"]);
  deepEqual(completed, ["1", "2"]);
  deepEqual(claimedKinds[0], ["github.case", "email.notice"]);
  await worker.stop();
  const drains = results.length;
  await clock.tickAsync(20_000);
  equal(results.length, drains, "no drains after stop");
});
