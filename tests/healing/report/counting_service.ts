/**
 * A healing service stand-in for the report-path tests: a real Deno.serve on
 * 127.0.0.1 (port 0) that counts every request, verifies signatures, keeps
 * each POSTed body byte for byte and answers like the healing API.
 */
import { verifySignedRequest } from "../../../src/protocol/signed_request.ts";

/** One request as it arrived. */
export interface Arrival {
  method: string;
  path: string;
  body: Uint8Array;
  idempotencyKey: string | null;
  signedBy?: string;
}

/** A running stand-in. */
export interface CountingService {
  url: string;
  /** Every request, in order. */
  arrivals: Arrival[];
  /** The `POST /v1/reports` among them. */
  reports(): Arrival[];
  close(): Promise<void>;
}

/** Starts the stand-in; every report joins case `caseId`. */
export function startCountingService(
  caseId = "CARO-2026-0042",
  options: { deleteStatus?: number; known?: Record<string, unknown> } = {},
): CountingService {
  const arrivals: Arrival[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    async (request) => {
      const url = new URL(request.url);
      const body = new Uint8Array(await request.arrayBuffer());
      const check = await verifySignedRequest(request.headers, {
        method: request.method,
        pathAndQuery: url.pathname + url.search,
        body,
      }, Date.now());
      if (request.method === "GET" && url.pathname.startsWith("/v1/known/")) {
        arrivals.push({ method: "GET", path: url.pathname, body, idempotencyKey: null });
        return options.known
          ? Response.json(options.known)
          : Response.json({ error: { code: "not_found", retry: false } }, { status: 404 });
      }
      arrivals.push({
        method: request.method,
        path: url.pathname,
        body,
        idempotencyKey: request.headers.get("idempotency-key"),
        signedBy: check.ok ? check.installKey : undefined,
      });
      if (!check.ok) {
        return Response.json({ error: { code: "signature", retry: false } }, { status: 401 });
      }
      if (request.method === "POST" && url.pathname === "/v1/reports") {
        const report = JSON.parse(new TextDecoder().decode(body));
        return Response.json({
          case_id: caseId,
          status: "open",
          track_url: `${url.origin}/cases/${caseId}`,
          report_id: report.id,
        }, { status: 201 });
      }
      if (request.method === "DELETE" && url.pathname.startsWith("/v1/reports/")) {
        return new Response(null, { status: options.deleteStatus ?? 204 });
      }
      return Response.json({ error: { code: "not_found", retry: false } }, { status: 404 });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    arrivals,
    reports: () => arrivals.filter((a) => a.method === "POST" && a.path === "/v1/reports"),
    close: () => server.shutdown(),
  };
}

/** Hex SHA-256 of bytes. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every file under `dir` (relative paths), or `[]` when it does not exist. */
export async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory) found.push(...await filesUnder(`${dir}/${entry.name}`, name));
      else found.push(name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found.sort();
}
