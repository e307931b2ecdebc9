import { deepEqual, equal } from "node:assert/strict";
import { createClock } from "@sinonjs/fake-timers";
import type { AttemptResult } from "./post_report.ts";
import { sendWithRetries } from "./send_with_retries.ts";

function run(results: AttemptResult[]) {
  const clock = createClock(0);
  const waits: number[] = [];
  const timeouts: number[] = [];
  const outcome = sendWithRetries({
    attempt: (timeoutMs) => {
      timeouts.push(timeoutMs);
      return Promise.resolve(results.shift() ?? { kind: "retry", reason: "HTTP 500" });
    },
    now: () => clock.now,
    sleep: (ms) => {
      waits.push(ms);
      clock.tick(ms);
      return Promise.resolve();
    },
    random: () => 1,
  });
  return { outcome, waits, timeouts, clock };
}

Deno.test("Retry-After within the budget is waited exactly", async () => {
  const { outcome, waits } = run([
    { kind: "retry", reason: "rate limited (HTTP 429)", retryAfterMs: 25_000, rateLimited: true },
    { kind: "accepted", receipt: { reportId: "r", caseId: "c", status: "open", trackUrl: "u" } },
  ]);
  equal((await outcome).kind, "accepted");
  deepEqual(waits, [25_000]);
});

Deno.test("Retry-After past the budget is not waited: failed with the time to come back", async () => {
  const { outcome, waits } = run([
    { kind: "retry", reason: "HTTP 503", retryAfterMs: 120_000, rateLimited: true },
  ]);
  deepEqual(await outcome, {
    kind: "failed",
    reason: "HTTP 503",
    attempts: 1,
    retryAt: 120_000,
    rateLimitedUntil: 120_000,
  });
  deepEqual(waits, []);
});

Deno.test("backoff doubles up to 16 s and the 60 s budget bounds tries and their timeouts", async () => {
  const { outcome, waits, timeouts, clock } = run([]);
  const result = await outcome;
  equal(result.kind, "failed");
  deepEqual(waits, [1000, 2000, 4000, 8000, 16_000, 16_000]);
  deepEqual(timeouts, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  equal(clock.now <= 60_000, true);
});

Deno.test("refused and blocked end at once", async () => {
  const refused = await run([{ kind: "rejected", reason: "HTTP 422", httpStatus: 422 }]).outcome;
  deepEqual(refused, { kind: "rejected", reason: "HTTP 422", httpStatus: 422, attempts: 1 });
  const blocked = await run([{ kind: "blocked", reason: "not in --allow-net" }]).outcome;
  deepEqual(blocked, { kind: "failed", reason: "not in --allow-net", attempts: 1 });
});

Deno.test("three tries without any answer end the loop: queue rather than wait offline", async () => {
  const down = { kind: "retry", reason: "connection refused", unreachable: true } as const;
  const { outcome, waits } = run([down, down, down, down]);
  deepEqual(await outcome, { kind: "failed", reason: "connection refused", attempts: 3 });
  deepEqual(waits, [1000, 2000]);
});
