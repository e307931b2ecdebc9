/**
 * Every path and method in contracts/healing-api.yaml is served (answers
 * anything but the catch-all "no such endpoint"), and the contract lists
 * exactly the operations the service is built with and exactly the error
 * codes it can answer with.
 */
import { deepEqual, equal, notEqual, ok } from "node:assert/strict";
import { API_ERROR_CODES } from "../../src/protocol/api_error_codes.ts";
import { join } from "node:path";
import { startTestService } from "../_support/service_harness.ts";
import { startService } from "../../tools/service_process.ts";

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

Deno.test("contract: the error codes are exactly those the service can answer with", async () => {
  const yaml = await Deno.readTextFile(CONTRACT);
  const error = yaml.slice(yaml.indexOf("\n    Error:"));
  const list = error.slice(error.indexOf("enum:\n") + 6, error.indexOf("message:"));
  const codes = [...list.matchAll(/^ +- ([a-z0-9_]+)$/gm)].map((m) => m[1]);
  deepEqual(codes, [...API_ERROR_CODES]);
});

Deno.test("contract: the service process's HTTP-layer refusals use listed codes (413, 431, 400)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-contract-" });
  const service = await startService({ db: join(dir, "healing.db"), logFile: join(dir, "log") });
  try {
    const big = await fetch(`${service.url}/v1/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(2 * 1024 * 1024),
    });
    equal(big.status, 413);
    equal((await big.json()).error.code, "too_large");
    const head = await fetch(`${service.url}/healthz`, {
      headers: { "x-big": "a".repeat(40_000) },
    });
    equal(head.status, 431);
    equal((await head.json()).error.code, "headers_too_large");
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: service.port });
    await conn.write(
      new TextEncoder().encode("GET /healthz HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n"),
    );
    const reply = new Uint8Array(4096);
    const n = await conn.read(reply);
    conn.close();
    const text = new TextDecoder().decode(reply.subarray(0, n ?? 0));
    ok(text.startsWith("HTTP/1.1 400"), text);
    ok(text.includes('"code":"bad_request"'), text);
  } finally {
    await service.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
