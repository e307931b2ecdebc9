import { deepEqual, equal, match, ok } from "node:assert/strict";
import { caseRoutes } from "../../src/service/pages/case_routes.ts";
import { fixtureSource, HOSTILE_CASE, QUIET_CASE } from "../_support/case_fixtures.ts";

const app = caseRoutes(fixtureSource([HOSTILE_CASE, QUIET_CASE]), 5);

Deno.test("case page: doctype, escaped hostile title, timeline, fixed-in, links", async () => {
  const res = await app.request("/cases/CARO-2026-001");
  equal(res.status, 200);
  match(res.headers.get("content-type") ?? "", /text\/html/);
  match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  const page = await res.text();
  ok(page.startsWith("<!doctype html>"));
  ok(!page.includes("<script>window"), "script tag escaped");
  ok(!page.includes("<img src=x"), "img tag escaped");
  match(page, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);
  for (const text of ["Issue opened", "Fix proposed", "Released in 1.3.0", "fixed in 1.3.0"]) {
    ok(page.includes(text), text);
  }
  match(page, /href="https:\/\/github.com\/caro-sh\/caro\/pull\/13"/);
  match(page, /delete files older than &lt;NUM&gt; days/);
  match(page, /prefers-color-scheme:dark/);
  match(page, /name="viewport"/);
});

Deno.test("k-anonymity: request shape and small platform counts hidden below k installs", async () => {
  const page = await (await app.request("/cases/CARO-2026-002")).text();
  ok(!page.includes("delete files older"), "shape hidden");
  match(page, /hidden until enough installs share it/);
  const json = await (await app.request("/cases/CARO-2026-002.json")).json();
  equal(json.requestShape, undefined);
  deepEqual(json.platforms, [{ name: "other", installs: 2 }]);
  equal(json.timeline.length, 1);
});

Deno.test("JSON twin carries the same public view", async () => {
  const res = await app.request("/cases/CARO-2026-001.json");
  equal(res.status, 200);
  const json = await res.json();
  equal(json.title, HOSTILE_CASE.title);
  equal(json.fixedIn, "1.3.0");
  deepEqual(json.timeline.map((s: { step: string }) => s.step), [
    "reported",
    "issue",
    "pr",
    "released",
  ]);
  deepEqual(json.platforms, [{ name: "linux/bash", installs: 5 }, { name: "other", installs: 2 }]);
});

Deno.test("unknown or malformed case ids are 404 in both forms", async () => {
  equal((await app.request("/cases/CARO-2026-999")).status, 404);
  const json = await app.request("/cases/<script>.json");
  equal(json.status, 404);
  match((await json.json()).error, /not found/);
  equal((await app.request("/cases/%3Cscript%3E")).status, 404);
});

Deno.test("case list filters by status and category, ignores bad values", async () => {
  const open = await (await app.request("/cases?status=open")).text();
  ok(open.includes("CARO-2026-002") && !open.includes("CARO-2026-001"));
  const cat = await (await app.request("/cases?category=rule_gap")).text();
  ok(cat.includes("CARO-2026-001") && !cat.includes("CARO-2026-002"));
  const bad = await (await app.request("/cases?status=%3Cx%3E&limit=-4")).text();
  ok(bad.includes("CARO-2026-001") && bad.includes("CARO-2026-002"));
  const none = await (await app.request("/cases?since=2030-01-01")).text();
  match(none, /No cases match/);
});
