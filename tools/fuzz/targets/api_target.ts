/**
 * Fuzz target `api`: the healing service's HTTP API, started for real
 * (`src/service/main.ts --port 0`, a temp SQLite file, quotas raised so
 * requests reach the deeper code). Inputs are requests: mostly
 * `POST /v1/reports` with a report generated from the `DiagnosticReport` zod
 * schema and then broken (a field removed, retyped, oversized, nested deep,
 * an unknown key added) or byte-mutated, signed correctly, unsigned, badly
 * signed or signed too long ago; the rest hit the other routes with junk ids,
 * cursors and bodies; GitHub webhooks with payloads built from the events
 * the service reads (issue closed with a case marker, merged PR naming cases,
 * published release), broken or byte-mutated, HMAC-signed with the service's
 * secret or not. Any 5xx, a dropped connection, or a service that
 * stops answering `/healthz` is a finding (the service is then restarted);
 * so is a report accepted (2xx) that is not validly signed, not UTF-8 JSON,
 * refused by the schema or carrying fields beyond its consent level.
 *
 * An input is a JSON envelope `{method, path, sign, body_b64, headers?}`; the
 * signature is made when the input is sent, so a saved finding replays.
 *
 * @module
 */
import { join } from "node:path";
import { DiagnosticReport } from "../../../src/protocol/report/schema.ts";
import { fieldsBeyondConsent, trimToConsent } from "../../../src/protocol/report/consent_fields.ts";
import {
  generateInstallKey,
  type InstallKey,
  signRequest,
  toBase64Url,
} from "../../../src/protocol/signed_request.ts";
import type { SeededRandom } from "../../chaos/seeded_random.ts";
import { type ServiceProcess, startService, UNLIMITED_QUOTAS } from "../../service_process.ts";
import { describeThrown, type FuzzTarget } from "../fuzz_target.ts";
import { mutateBytes } from "../mutate_bytes.ts";
import { closedPort } from "../../fake_backends.ts";
import { valueFromSchema } from "../zod_values.ts";

/** How a fuzzed request is signed when sent. */
export type SignMode = "valid" | "none" | "bad" | "stale";

/** One fuzzed request. */
export interface ApiInput {
  method: string;
  path: string;
  sign: SignMode;
  body_b64: string;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths (as key lists) of every node in a JSON value. */
function nodePaths(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => nodePaths(v, [...prefix, String(i)]))
    : Object.entries(value).flatMap(([k, v]) => nodePaths(v, [...prefix, k]));
  return [prefix, ...children];
}

/** Breaks one random node of a JSON object in place (removed, retyped, oversized, deep…). */
function breakJson(report: { [key: string]: Json }, random: SeededRandom): Json {
  const paths = nodePaths(report).filter((p) => p.length > 0);
  const path = random.pick(paths);
  const parent = path.slice(0, -1).reduce<Json>(
    (node, key) => (node as Record<string, Json>)[key],
    report,
  ) as Record<string, Json>;
  const key = path[path.length - 1];
  const deep = (n: number): Json => (n === 0 ? 1 : [deep(n - 1)]);
  const replacements: (() => Json | undefined)[] = [
    () => undefined, // removed
    () => null,
    () => random.pick([0, -1, 1.5, 1e308, 2 ** 53 + 1]),
    () => random.pick(["", "x", "<USER>", "\u0000", "\ud800", "🦀".repeat(300)]),
    () => "A".repeat(random.pick([513, 2049, 4097, 70_000])),
    () => [],
    () => ({}),
    () => random.chance(0.5) ? true : false,
    () => Array.from({ length: random.int(33, 5000) }, () => "x"),
    () => deep(random.int(10, 3000)),
  ];
  const replacement = random.pick(replacements)();
  if (replacement === undefined) delete parent[key];
  else parent[key] = replacement;
  if (random.chance(0.2)) {
    const target = random.chance(0.5) ? report : parent;
    (target as Record<string, Json>)[random.pick(["extra", "__proto__", "constructor", "id"])] =
      "unexpected";
  }
  return report;
}

function reportInput(random: SeededRandom): ApiInput {
  const level = random.pick(["minimal", "standard", "full"] as const);
  const full = valueFromSchema(DiagnosticReport, random) as Parameters<typeof trimToConsent>[0];
  const report = trimToConsent({ ...full, consent_level: level }, level) as unknown as {
    [key: string]: Json;
  };
  report.timestamp = new Date().toISOString();
  const roll = random.next();
  let body: Uint8Array;
  if (roll < 0.15) body = encoder.encode(JSON.stringify(report));
  else if (roll < 0.2) {
    // Beyond consent: a full report declared minimal.
    body = encoder.encode(JSON.stringify({ ...full, consent_level: "minimal" }));
  } else if (roll < 0.7) body = encoder.encode(JSON.stringify(breakJson(report, random)));
  else body = mutateBytes(encoder.encode(JSON.stringify(report)), random);
  const sign = random.pick<SignMode>(["valid", "valid", "valid", "valid", "none", "bad", "stale"]);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (random.chance(0.9)) {
    headers["idempotency-key"] = random.chance(0.8)
      ? (typeof report.id === "string" ? report.id : "")
      : random.pick(["", "x".repeat(300), "../../etc", "not-a-uuid"]);
  }
  if (random.chance(0.05)) headers["content-type"] = random.pick(["text/plain", "", "a/b; x=y"]);
  return { method: "POST", path: "/v1/reports", sign, body_b64: toBase64(body), headers };
}

/** The webhook secret the fuzzed service is started with; `sign: "valid"` webhooks use it. */
const WEBHOOK_SECRET = "fuzz-webhook-secret";
/**
 * The repository the fuzzed service files into: webhooks about any other
 * repository are ignored, so most fuzzed payloads name this one.
 */
const REPO = "caro-sh/caro";

function webhookInput(random: SeededRandom): ApiInput {
  const caseId = () => `CARO-2026-${String(random.int(1, 40)).padStart(3, "0")}`;
  const hex40 = () => Array.from({ length: 40 }, () => random.int(0, 15).toString(16)).join("");
  const event = random.pick(["issues", "pull_request", "release", "ping", "", "push"]);
  // Mostly an action the event has, so that webhooks reach the code that applies them.
  const actions: Record<string, string[]> = {
    issues: ["closed", "reopened"],
    pull_request: ["closed"],
    release: ["published"],
  };
  const payload: { [key: string]: Json } = {
    action: random.chance(0.8) && actions[event]
      ? random.pick(actions[event])
      : random.pick(["closed", "published", "opened", "edited", "reopened"]),
    repository: random.pick<Json>([
      { full_name: REPO, default_branch: "main" },
      { full_name: REPO, default_branch: "main" },
      { full_name: REPO.toUpperCase(), default_branch: "main" },
      { full_name: "someone/else", default_branch: "main" },
      { full_name: REPO },
      null,
    ]),
    issue: {
      number: random.pick([1, 7, 0, -1, 1e21]),
      state_reason: random.pick(["completed", "not_planned", null]),
      body: random.pick([
        `<!-- caro-case: ${caseId()} -->`,
        `fixed\n<!-- caro-case: ${caseId()} -->`,
        `<!-- caro-case: CARO-2026-${"9".repeat(random.int(3, 40))} -->`,
        "",
      ]),
    },
    pull_request: {
      merged: random.chance(0.7),
      merge_commit_sha: random.pick([hex40(), "abc", ""]),
      title: `Fix ${caseId()} ${random.pick(["fixes #3", "closes #99999999999999999999", ""])}`,
      body: random.pick([`Fixes #${random.int(1, 9)}`, caseId(), "x".repeat(random.int(0, 5000))]),
      head: { ref: `caro/rule-gap/${caseId()}` },
      base: { ref: random.pick(["main", "main", "dev", ""]) },
    },
    release: {
      tag_name: random.pick(["v1.2.3", "v9.9.9", "1.0.0-rc.1", "", "v" + "1".repeat(120)]),
      draft: random.chance(0.2),
      prerelease: random.chance(0.2),
    },
  };
  const json = random.chance(0.6) ? payload : breakJson(payload, random);
  const body = random.chance(0.85)
    ? encoder.encode(JSON.stringify(json))
    : mutateBytes(encoder.encode(JSON.stringify(json)), random);
  return {
    method: "POST",
    path: "/v1/webhooks/github",
    sign: random.pick<SignMode>(["valid", "valid", "valid", "none", "bad"]),
    body_b64: toBase64(body),
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": random.chance(0.8) ? crypto.randomUUID() : random.pick(["", "x", "1"]),
    },
  };
}

async function hubSignature(body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(WEBHOOK_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, body as BufferSource));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function otherInput(random: SeededRandom): ApiInput {
  const junk = () =>
    random.pick([
      "",
      "0",
      "-1",
      "CARO-2026-001",
      "CARO-9999-99999999999999",
      "%00",
      "%2e%2e%2f",
      "x".repeat(random.int(1, 5000)),
      "'; DROP TABLE cases; --",
      "%F0%9F%A6%80",
      crypto.randomUUID(),
    ]);
  const pick = random.pick([
    () => ({ method: "GET", path: `/v1/known/${junk()}` }),
    () => ({ method: "GET", path: `/v1/cases/${junk()}` }),
    () => ({ method: "DELETE", path: `/v1/reports/${junk()}` }),
    () => ({ method: "GET", path: `/v1/notifications?since=${junk()}` }),
    () => ({ method: "GET", path: `/v1/notifications` }),
    () => ({ method: "POST", path: "/v1/webhooks/github" }),
    () => ({ method: random.pick(["PUT", "PATCH", "OPTIONS", "DELETE"]), path: "/v1/reports" }),
    () => ({ method: "GET", path: random.pick(["/healthz", "/metrics", `/${junk()}`, "/v1/"]) }),
    () => ({ method: "GET", path: `/cases/${junk()}` }),
  ])();
  const body = random.chance(0.5)
    ? new Uint8Array()
    : mutateBytes(encoder.encode('{"action":"closed","issue":{"number":1}}'), random);
  const headers: Record<string, string> = {};
  if (pick.path.includes("webhooks")) {
    headers["x-github-event"] = random.pick(["issues", "pull_request", "release", "ping", ""]);
    headers["x-github-delivery"] = junk().slice(0, 200);
    headers["x-hub-signature-256"] = random.pick(["", "sha256=00", `sha256=${"0".repeat(64)}`]);
  }
  const sign = random.pick<SignMode>(["valid", "valid", "none", "bad", "stale"]);
  const noBody = pick.method === "GET" || pick.method === "DELETE";
  return { ...pick, sign, body_b64: toBase64(noBody ? new Uint8Array() : body), headers };
}

/** Why a report the service accepted (2xx) should have been refused, if it should. */
function acceptanceProblem(input: ApiInput, body: Uint8Array): string | undefined {
  if (input.sign !== "valid") return `to a request signed "${input.sign}"`;
  let report: unknown;
  try {
    report = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return "to a body that is not UTF-8 JSON";
  }
  const parsed = DiagnosticReport.safeParse(report);
  if (!parsed.success) {
    return `to a report the schema refuses (${parsed.error.issues[0]?.path.join(".")})`;
  }
  const beyond = fieldsBeyondConsent(parsed.data);
  if (beyond.length) return `to a report with fields beyond its consent (${beyond.join(", ")})`;
  return undefined;
}

async function signedHeaders(
  key: InstallKey,
  input: ApiInput,
  body: Uint8Array,
): Promise<Record<string, string>> {
  if (input.path === "/v1/webhooks/github") {
    if (input.sign === "valid") return { "x-hub-signature-256": await hubSignature(body) };
    if (input.sign === "bad") return { "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
    return {};
  }
  if (input.sign === "none") return {};
  const now = input.sign === "stale" ? Date.now() - 3_600_000 : Date.now();
  const headers = await signRequest(key, {
    method: input.method,
    pathAndQuery: new URL(input.path, "http://x").pathname + new URL(input.path, "http://x").search,
    body,
  }, now);
  if (input.sign === "bad") {
    headers["x-caro-signature"] = toBase64Url(new Uint8Array(64).fill(7));
  }
  return headers;
}

/** A running API target; `close()` stops the service and deletes its files. */
export interface ApiTarget extends FuzzTarget {
  close(): Promise<void>;
}

/**
 * Starts a service for fuzzing and returns the `api` target.
 *
 * @example
 * ```ts ignore
 * import { startApiTarget } from "./api_target.ts";
 * const target = await startApiTarget();
 * await target.close();
 * ```
 */
export async function startApiTarget(): Promise<ApiTarget> {
  const dir = await Deno.makeTempDir({ prefix: "caro-fuzz-api-" });
  const start = () =>
    startService({
      db: join(dir, "healing.db"),
      logFile: join(dir, "service.log"),
      env: {
        ...UNLIMITED_QUOTAS,
        CARO_GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
        // GitHub on: webhooks about REPO take effect; its API is a closed port (jobs fail, retry).
        CARO_GITHUB_REPO: REPO,
        CARO_GITHUB_TOKEN: "fuzz-token",
        CARO_GITHUB_API_URL: `http://127.0.0.1:${closedPort()}`,
      },
    });
  let service: ServiceProcess = await start();
  const key = await generateInstallKey();
  const healthy = async () => {
    try {
      const response = await fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };
  const statuses: Record<string, number> = {};
  return {
    name: "api",
    tally: () => ({ ...statuses }),
    generate: (random) =>
      encoder.encode(
        JSON.stringify(
          random.chance(0.7)
            ? reportInput(random)
            : random.chance(0.4)
            ? webhookInput(random)
            : otherInput(random),
        ),
      ),
    async check(bytes) {
      let input: ApiInput;
      try {
        input = JSON.parse(new TextDecoder().decode(bytes));
        if (typeof input.method !== "string" || typeof input.path !== "string") return undefined;
        if (!input.path.startsWith("/")) return undefined;
      } catch {
        return undefined; // shrinking broke the envelope: not an input of this target
      }
      const body = fromBase64(input.body_b64 ?? "");
      let headers: Record<string, string>;
      try {
        headers = { ...input.headers, ...(await signedHeaders(key, input, body)) };
        new Request(`${service.url}${input.path}`, { method: input.method, headers });
      } catch {
        return undefined; // not sendable over HTTP at all (fetch refuses it)
      }
      let finding: string | undefined;
      try {
        const response = await fetch(`${service.url}${input.path}`, {
          method: input.method,
          headers,
          body: input.method === "GET" || input.method === "HEAD" ? undefined : body as BodyInit,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const acceptedWrongly = input.method === "POST" && input.path === "/v1/reports" &&
          response.ok && acceptanceProblem(input, body);
        if (acceptedWrongly) {
          finding = `POST /v1/reports answered ${response.status} ${acceptedWrongly}`;
        }
        if (response.status >= 500) {
          finding = `${input.method} ${input.path.slice(0, 40)} answered ${response.status}: ${
            text.slice(0, 160)
          }`;
        }
      } catch (error) {
        finding = `${input.method} ${input.path.slice(0, 40)}: ${describeThrown(error)}`;
      }
      if (!(await healthy())) {
        finding = `${
          finding ?? input.method + " " + input.path.slice(0, 40)
        }; service down after it`;
        await service.stop("SIGKILL");
        service = await start();
      }
      return finding;
    },
    async close() {
      await service.stop();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
