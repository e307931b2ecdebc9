import { deepEqual, equal } from "node:assert/strict";
import { NotCollected, runProbe, whyNotCollected } from "./collected.ts";

Deno.test("runProbe: a value is collected", async () => {
  deepEqual(await runProbe(() => Promise.resolve(42), 1000), { collected: true, value: 42 });
});

Deno.test("runProbe: a synchronous throw or a rejection is not collected, never thrown", async () => {
  deepEqual(
    await runProbe(() => {
      throw new NotCollected("no shell in the environment (SHELL)");
    }, 1000),
    { collected: false, why: "no shell in the environment (SHELL)" },
  );
  deepEqual(
    await runProbe(() => Promise.reject(new Deno.errors.NotFound("/etc/os-release")), 1000),
    { collected: false, why: "not found" },
  );
});

/** A timeout the test fires by hand, recording the limit it was asked for. */
function manualTimeout() {
  const controller = new AbortController();
  const asked: number[] = [];
  return {
    asked,
    fire: () => controller.abort(),
    signal: (ms: number) => {
      asked.push(ms);
      return controller.signal;
    },
  };
}

Deno.test("runProbe: a probe that never answers times out on its own limit", async () => {
  const timeout = manualTimeout();
  let signalled = false;
  const pending = runProbe(
    (signal) => {
      signal.addEventListener("abort", () => signalled = true);
      return new Promise(() => {});
    },
    250,
    undefined,
    timeout.signal,
  );
  timeout.fire();
  deepEqual(await pending, { collected: false, why: "timed out after 250 ms" });
  deepEqual(timeout.asked, [250]);
  equal(signalled, true, "the probe's signal is aborted so it can stop its I/O");
});

Deno.test("runProbe: the total budget stops a probe before its own limit", async () => {
  const timeout = manualTimeout();
  const budget = new AbortController();
  const pending = runProbe(() => new Promise(() => {}), 1000, budget.signal, timeout.signal);
  budget.abort();
  deepEqual(await pending, { collected: false, why: "doctor time budget used up" });
  const late = await runProbe(() => Promise.resolve(1), 1000, budget.signal, timeout.signal);
  deepEqual(late, { collected: false, why: "doctor time budget used up" });
});

Deno.test("runProbe: a probe that answers in time is not cut off later", async () => {
  const timeout = manualTimeout();
  const result = await runProbe(() => Promise.resolve("ok"), 1000, undefined, timeout.signal);
  timeout.fire();
  deepEqual(result, { collected: true, value: "ok" });
});

Deno.test("whyNotCollected names env vars and binaries, never hosts or paths", () => {
  equal(
    whyNotCollected(new Deno.errors.NotCapable('Requires env access to "SHELL", run again')),
    "permission not granted (env access to SHELL)",
  );
  equal(
    whyNotCollected(new Deno.errors.NotCapable('Requires run access to "ldd", run again')),
    "permission not granted (run access to ldd)",
  );
  equal(
    whyNotCollected(new Deno.errors.NotCapable('Requires net access to "gpu.corp.example:11434"')),
    "permission not granted (net access)",
  );
  equal(
    whyNotCollected(new Deno.errors.NotCapable('Requires read access to "/home/ada/x"')),
    "permission not granted (read access)",
  );
  equal(whyNotCollected(new Deno.errors.PermissionDenied("/x")), "denied by the operating system");
  equal(whyNotCollected(new TypeError("http://user:pw@host failed")), "failed: TypeError");
});
