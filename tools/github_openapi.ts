/**
 * GitHub's own published description of its REST API (npm `@octokit/openapi`,
 * `api.github.com.deref.json`) as a request checker: which operation a
 * request is (method + path template), whether its path and query parameters
 * and its JSON body conform to that operation's schemas (Ajv with formats),
 * and whether it carries the headers GitHub asks clients to send
 * (`Accept: application/vnd.github+json`, `X-GitHub-Api-Version: 2022-11-28`).
 * The fake GitHub (`fake_github.ts`) runs every request it receives through
 * it, so the service's GitHub traffic in tests is checked against GitHub's
 * description, not against the fake's author's memory of it.
 *
 * The description is 70 MB of JSON: it is read once per process, on first
 * use, and each operation's schemas are compiled when first needed.
 *
 * @module
 */
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";

/** `ajv-formats` is CommonJS: its plug-in is the default export's `default`. */
const addFormats = (formats as unknown as { default: (ajv: Ajv) => Ajv }).default;

/** The API version every request must name. */
export const GITHUB_API_VERSION = "2022-11-28";
/** The media type every request must accept. */
export const GITHUB_MEDIA_TYPE = "application/vnd.github+json";

/** A request as the checker sees it. */
export interface GitHubRequest {
  method: string;
  /** Path without the query, percent-encoded as sent. */
  pathname: string;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON body, `undefined` when none was sent. */
  body: unknown;
}

/** What the checker found. */
export interface CheckedRequest {
  /** `operationId` of the matched operation (e.g. `issues/create`), if any. */
  operationId?: string;
  /** The path template matched, e.g. `/repos/{owner}/{repo}/issues`. */
  template?: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** Every way the request departs from the description (empty: it conforms). */
  violations: string[];
  /** Status codes the description lists for this operation. */
  documentedStatuses: string[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
  responses?: Record<string, unknown>;
}

interface Route {
  template: string;
  names: string[];
  strict: RegExp;
  loose: RegExp;
  literal: number;
  operations: Record<string, Operation>;
}

/** GitHub's REST description, ready to check requests. */
export interface GitHubOpenApi {
  check(request: GitHubRequest): CheckedRequest;
}

let loading: Promise<GitHubOpenApi> | undefined;

/**
 * Loads the description (once per process) and returns its checker.
 *
 * @example A request Octokit would send conforms; one without a title does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadGitHubOpenApi } from "./github_openapi.ts";
 * const api = await loadGitHubOpenApi();
 * const headers = new Headers({
 *   accept: "application/vnd.github+json",
 *   "x-github-api-version": "2022-11-28",
 * });
 * const ok = api.check({ method: "POST", pathname: "/repos/o/r/issues",
 *   query: new URLSearchParams(), headers, body: { title: "x", labels: ["caro-case"] } });
 * assert.equal(ok.operationId, "issues/create");
 * assert.deepEqual(ok.violations, []);
 * const bad = api.check({ method: "POST", pathname: "/repos/o/r/issues",
 *   query: new URLSearchParams("per_page=x"), headers: new Headers(), body: { body: 1 } });
 * assert.equal(bad.violations.length > 2, true);
 * ```
 */
export function loadGitHubOpenApi(): Promise<GitHubOpenApi> {
  return loading ??= readDescription().then(openApiChecker);
}

async function readDescription(): Promise<Record<string, Record<string, Operation>>> {
  const url = import.meta.resolve("@octokit/openapi/generated/api.github.com.deref.json");
  const spec = JSON.parse(await Deno.readTextFile(new URL(url))) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return spec.paths;
}

function openApiChecker(paths: Record<string, Record<string, Operation>>): GitHubOpenApi {
  const routes: Route[] = Object.entries(paths).map(([template, operations]) => {
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const source = (param: string) =>
      "^" +
      template.split(/\{\w+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(param) +
      "$";
    return {
      template,
      names,
      strict: new RegExp(source("([^/]+)")),
      loose: new RegExp(source("(.+)")),
      literal: template.replace(/\{\w+\}/g, "").length,
      operations,
    };
  });
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("repo.nwo", /^[\w.-]+\/[\w.-]+$/); // GitHub's own format: owner/name
  const compiled = new WeakMap<object, ValidateFunction>();
  const validator = (schema: Record<string, unknown>) => {
    const known = compiled.get(schema);
    if (known) return known;
    const v = ajv.compile(jsonSchema(schema) as Record<string, unknown>);
    compiled.set(schema, v);
    return v;
  };
  const errorsOf = (v: ValidateFunction) =>
    (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");

  return {
    check(request) {
      const method = request.method.toLowerCase();
      const violations: string[] = [];
      const find = (kind: "strict" | "loose") =>
        routes.filter((r) => r.operations[method] && r[kind].test(request.pathname))
          .sort((a, b) => b.literal - a.literal)[0];
      const route = find("strict") ?? find("loose");
      if (!route) {
        return {
          params: {},
          violations: [
            `no operation ${request.method} ${request.pathname} in GitHub's description`,
          ],
          documentedStatuses: [],
        };
      }
      const operation = route.operations[method];
      const match = (route.strict.exec(request.pathname) ?? route.loose.exec(request.pathname))!;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => params[name] = decodeURIComponent(match[i + 1]));
      const declared = operation.parameters ?? [];
      for (const p of declared.filter((p) => p.in === "path")) {
        checkValue(`path parameter ${p.name}`, params[p.name], p, validator, errorsOf, violations);
      }
      for (const name of new Set(request.query.keys())) {
        const p = declared.find((d) => d.in === "query" && d.name === name);
        if (!p) {
          violations.push(`query parameter ${name} is not in the description`);
          continue;
        }
        checkValue(
          `query parameter ${name}`,
          request.query.get(name)!,
          p,
          validator,
          errorsOf,
          violations,
        );
      }
      for (const p of declared.filter((p) => p.in === "query" && p.required)) {
        if (!request.query.has(p.name)) violations.push(`query parameter ${p.name} is required`);
      }
      const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
      if (request.body === undefined) {
        if (operation.requestBody?.required) violations.push("a JSON body is required");
      } else if (!bodySchema) {
        violations.push("the operation takes no JSON body");
      } else {
        const v = validator(bodySchema);
        if (!v(request.body)) violations.push(`body: ${errorsOf(v)}`);
      }
      const accept = request.headers.get("accept") ?? "";
      if (!accept.split(",").some((t) => t.trim() === GITHUB_MEDIA_TYPE)) {
        violations.push(`Accept is "${accept}", not ${GITHUB_MEDIA_TYPE}`);
      }
      if (request.headers.get("x-github-api-version") !== GITHUB_API_VERSION) {
        violations.push(`X-GitHub-Api-Version is not ${GITHUB_API_VERSION}`);
      }
      return {
        operationId: operation.operationId,
        template: route.template,
        params,
        violations,
        documentedStatuses: Object.keys(operation.responses ?? {}),
      };
    },
  };
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms (Ajv only accepts it
 * beside a `type`; GitHub's description also puts it beside `anyOf`/`allOf`).
 */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (node === null || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, jsonSchema(v)]));
  if (nullable !== true) return out;
  if (typeof out.type === "string") return { ...out, type: [out.type, "null"] };
  return { anyOf: [out, { type: "null" }] };
}

function checkValue(
  what: string,
  raw: string,
  parameter: Parameter,
  validator: (schema: Record<string, unknown>) => ValidateFunction,
  errorsOf: (v: ValidateFunction) => string,
  violations: string[],
): void {
  const schema = parameter.schema ?? {};
  let value: unknown = raw;
  if (schema.type === "integer" || schema.type === "number") {
    value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  } else if (schema.type === "boolean") {
    value = raw === "true" ? true : raw === "false" ? false : raw;
  }
  const v = validator(schema);
  if (!v(value)) violations.push(`${what}: ${errorsOf(v)}`);
}
