import { deepEqual, equal } from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { NotCollected, runProbe, whyNotCollected } from "./collected.ts";

function fakeTimeouts() {
  return FakeTimers.withGlobal(globalThis).install({ toFake: ["setTimeout", "clearTimeout"] });
}

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

Deno.test("runProbe: a probe that never answers times out on its own limit", async () => {
  const clock = fakeTimeouts();
  try {
    let signalled = false;
    const pending = runProbe((signal) => {
      signal.addEventListener("abort", () => signalled = true);
      return new Promise(() => {});
    }, 250);
    await clock.tickAsync(250);
    deepEqual(await pending, { collected: false, why: "timed out after 250 ms" });
    equal(signalled, true, "the probe's signal is aborted so it can stop its I/O");
  } finally {
    clock.uninstall();
  }
});

Deno.test("runProbe: the total budget stops a probe before its own limit", async () => {
  const clock = fakeTimeouts();
  try {
    const budget = new AbortController();
    const pending = runProbe(() => new Promise(() => {}), 1000, budget.signal);
    await clock.tickAsync(100);
    budget.abort();
    deepEqual(await pending, { collected: false, why: "doctor time budget used up" });
    const late = await runProbe(() => Promise.resolve(1), 1000, budget.signal);
    deepEqual(late, { collected: false, why: "doctor time budget used up" });
  } finally {
    clock.uninstall();
  }
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
