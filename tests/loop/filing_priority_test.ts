/**
 * Issue filing has priority and waits for evidence: a flood of 300 distinct
 * problems from freshly minted install keys files nothing at once (each case
 * waits in triage), so the case an established install reports is filed on
 * the very next outbox run. The real service, a fake GitHub checked against
 * GitHub's description, an injected clock.
 */
import { deepEqual, equal } from "node:assert/strict";
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";

const DAY = 86_400_000;

Deno.test("a flood of 300 distinct problems from fresh keys does not delay filing a case with established installs", async () => {
  const gh = await startFakeGitHub();
  let clock = Date.UTC(2026, 10, 25, 12);
  const svc = await startTestService({
    now: () => clock,
    env: {
      CARO_GITHUB_REPO: "caro-sh/caro",
      CARO_GITHUB_TOKEN: "ghp_example",
      CARO_GITHUB_API_URL: gh.url,
    },
  });
  try {
    const veteran = await generateInstallKey();
    const first = await postReport(svc.url, veteran, sampleReport(), { nowMs: clock });
    const { case_id: caseId } = await first.json();
    deepEqual(await svc.store.outboxCounts(), {}, "one young install: the case waits in triage");

    clock += 2 * DAY; // the veteran's key is established now
    for (let i = 0; i < 300; i++) {
      const res = await postReport(
        svc.url,
        await generateInstallKey(),
        sampleReport({
          failure: {
            failure_type: "execution",
            stage: "execution",
            error_code: `E_FLOOD_${i}`,
            safety_patterns_triggered: [],
          },
        }),
        { nowMs: clock },
      );
      equal(res.status, 201);
      await res.body?.cancel();
    }
    equal((await svc.store.caseCounts()).length, 301);
    deepEqual(await svc.store.outboxCounts(), {}, "the flood queued no filing");

    const again = await postReport(svc.url, veteran, sampleReport(), { nowMs: clock });
    equal((await again.json()).case_id, caseId);
    deepEqual(await svc.store.outboxCounts(), { pending: 1 });

    await svc.service.loop.drainNow();
    equal(gh.state.issues.length, 1);
    equal(gh.state.issues[0].title.startsWith(`[${caseId}]`), true);
    deepEqual(await svc.store.outboxCounts(), { done: 1 });
  } finally {
    await svc.stop();
    await svc.remove();
    await gh.close();
  }
});
