/**
 * Real local servers for the doctor's end-to-end tests: a tiny Ollama
 * (`/api/tags`, `/api/version` on Deno.serve), a black hole (accepts TCP
 * connections and never answers) and a port with nothing listening.
 *
 * @module
 */

/** A running fake; `close()` stops it. */
export interface FakeServer {
  port: number;
  close(): Promise<void>;
}

/**
 * An Ollama API on 127.0.0.1 listing `models`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeOllama } from "./fake_backends.ts";
 * const ollama = fakeOllama(["qwen2.5-coder:7b"]);
 * const tags = await (await fetch(`http://127.0.0.1:${ollama.port}/api/tags`)).json();
 * assert(tags.models[0].name === "qwen2.5-coder:7b");
 * await ollama.close();
 * ```
 */
export function fakeOllama(models: string[]): FakeServer {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/tags") {
      return Response.json({ models: models.map((name) => ({ name, model: name, size: 1 })) });
    }
    if (path === "/api/version") return Response.json({ version: "0.5.7" });
    return new Response("not found", { status: 404 });
  });
  return { port: server.addr.port, close: () => server.shutdown() };
}

/**
 * A vLLM / OpenAI-compatible API on 127.0.0.1 listing `models` at /v1/models.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeOpenAiCompatible } from "./fake_backends.ts";
 * const server = fakeOpenAiCompatible(["Qwen/Qwen2.5-Coder-7B-Instruct"]);
 * const list = await (await fetch(`http://127.0.0.1:${server.port}/v1/models`)).json();
 * assert(list.data[0].id === "Qwen/Qwen2.5-Coder-7B-Instruct");
 * await server.close();
 * ```
 */
export function fakeOpenAiCompatible(models: string[]): FakeServer {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    if (new URL(request.url).pathname !== "/v1/models") {
      return new Response("not found", { status: 404 });
    }
    return Response.json({ object: "list", data: models.map((id) => ({ id, object: "model" })) });
  });
  return { port: server.addr.port, close: () => server.shutdown() };
}

/**
 * A TCP listener on 127.0.0.1 that accepts connections and never answers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blackHole } from "./fake_backends.ts";
 * const hole = blackHole();
 * const answer = await fetch(`http://127.0.0.1:${hole.port}/`, { signal: AbortSignal.timeout(50) })
 *   .catch((e) => e.name);
 * assert(answer === "TimeoutError");
 * await hole.close();
 * ```
 */
export function blackHole(): FakeServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    try {
      for await (const conn of listener) held.push(conn);
    } catch { /* closed */ }
  })();
  return {
    port: listener.addr.port,
    async close() {
      listener.close();
      for (const conn of held) conn.close();
      await accepting;
    },
  };
}

/**
 * A loopback port nobody listens on (bound, then released).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closedPort } from "./fake_backends.ts";
 * assert(closedPort() > 0);
 * ```
 */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/**
 * Deno's cache dir for a child whose HOME is a temp dir (else deno would
 * look for its npm cache under that HOME and download again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denoDirEnv } from "./fake_backends.ts";
 * assert(typeof (await denoDirEnv()).DENO_DIR === "string");
 * ```
 */
export async function denoDirEnv(): Promise<{ DENO_DIR: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stderr: "null" })
    .output();
  return { DENO_DIR: JSON.parse(new TextDecoder().decode(out.stdout)).denoDir };
}
