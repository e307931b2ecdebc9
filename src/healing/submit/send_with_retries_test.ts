import { deepEqual, equal } from "node:assert/strict";
import { createClock } from "@sinonjs/fake-timers";
import type { AttemptResult } from "./post_report.ts";
import { FOREGROUND_RETRY_POLICY, sendWithRetries } from "./send_with_retries.ts";

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
    { kind: "retry", reason: "rate limited (HTTP 429)", retryAfterMs: 1_000, rateLimited: true },
    { kind: "accepted", receipt: { reportId: "r", caseId: "c", status: "open", trackUrl: "u" } },
  ]);
  equal((await outcome).kind, "accepted");
  deepEqual(waits, [1_000]);
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

Deno.test("while the user waits: two quick tries, a short jittered wait, within 2.5 s", async () => {
  const { outcome, waits, timeouts, clock } = run([]);
  deepEqual(await outcome, { kind: "failed", reason: "HTTP 500", attempts: 2 });
  deepEqual(waits, [250]);
  deepEqual(timeouts, [1_500, 1_500]);
  equal(clock.now <= 2_500, true);
});

Deno.test("refused and blocked end at once", async () => {
  const refused = await run([{ kind: "rejected", reason: "HTTP 422", httpStatus: 422 }]).outcome;
  deepEqual(refused, { kind: "rejected", reason: "HTTP 422", httpStatus: 422, attempts: 1 });
  const blocked = await run([{ kind: "blocked", reason: "not in --allow-net" }]).outcome;
  deepEqual(blocked, { kind: "failed", reason: "not in --allow-net", attempts: 1 });
});

Deno.test("a budget shorter than a try bounds the try's timeout", async () => {
  const clock = createClock(0);
  const timeouts: number[] = [];
  await sendWithRetries({
    attempt: (timeoutMs) => {
      timeouts.push(timeoutMs);
      clock.tick(timeoutMs);
      return Promise.resolve({ kind: "retry", reason: "no answer", unreachable: true });
    },
    now: () => clock.now,
    sleep: () => Promise.resolve(),
    random: () => 1,
    policy: { ...FOREGROUND_RETRY_POLICY, totalMs: 900 },
  });
  deepEqual(timeouts, [900]);
});

Deno.test("stopped before any try: the signal's reason is the outcome's", async () => {
  const options = {
    attempt: () => Promise.reject(new Error("must not try")),
    now: () => 0,
    sleep: () => Promise.resolve(),
    random: () => 1,
  };
  const ctrlC = await sendWithRetries({
    ...options,
    signal: AbortSignal.abort("interrupted (Ctrl-C)"),
  });
  deepEqual(ctrlC, { kind: "failed", reason: "stopped: interrupted (Ctrl-C)", attempts: 0 });
  const budget = await sendWithRetries({ ...options, signal: AbortSignal.abort() });
  deepEqual(budget, { kind: "failed", reason: "no time left to try", attempts: 0 });
});
