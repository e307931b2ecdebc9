/**
 * Every path and method in contracts/healing-api.yaml is served (answers
 * anything but the catch-all "no such endpoint"), and the contract lists
 * exactly the operations the service is built with.
 */
import { deepEqual, notEqual } from "node:assert/strict";
import { startTestService } from "../_support/service_harness.ts";

const CONTRACT = new URL("../../contracts/healing-api.yaml", import.meta.url);

function contractOperations(yaml: string): string[] {
  const ops: string[] = [];
  let path = "";
  for (const line of yaml.split("\n")) {
    const p = /^ {2}(\/\S*):$/.exec(line);
    if (p) path = p[1];
    const m = /^ {4}(get|post|delete|put|patch):$/.exec(line);
    if (m && path) ops.push(`${m[1].toUpperCase()} ${path}`);
    if (/^\S/.test(line)) path = "";
  }
  return ops;
}

Deno.test("contract: every documented operation is routed", async () => {
  const yaml = await Deno.readTextFile(CONTRACT);
  const ops = contractOperations(yaml.slice(yaml.indexOf("\npaths:")));
  deepEqual(ops.sort(), [
    "DELETE /v1/reports/{id}",
    "GET /healthz",
    "GET /metrics",
    "GET /v1/cases/{id}",
    "GET /v1/known/{signature_key}",
    "GET /v1/notifications",
    "POST /v1/reports",
    "POST /v1/webhooks/github",
  ]);
  const svc = await startTestService();
  try {
    for (const op of ops) {
      const [method, path] = op.split(" ");
      const url = svc.url + path.replace("{id}", "CARO-2026-001").replace(
        "{signature_key}",
        "0123456789abcdef",
      );
      const res = await fetch(url, { method, body: method === "POST" ? "{}" : undefined });
      const text = await res.text();
      notEqual(text.includes("No such endpoint"), true, op);
    }
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
