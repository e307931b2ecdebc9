/**
 * Reads a request body up to a byte limit, refusing larger ones before they
 * are parsed (and, when `Content-Length` says so, before they are read).
 *
 * @module
 */

/**
 * The body bytes, or `undefined` when the body exceeds `maxBytes`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBodyCapped } from "./read_body.ts";
 * const req = new Request("http://x/", { method: "POST", body: "12345" });
 * assert((await readBodyCapped(req, 4)) === undefined);
 * ```
 */
export async function readBodyCapped(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await req.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!req.body) return new Uint8Array();
  // With a declared length the runtime delivers exactly that many bytes.
  if (declared !== null) return new Uint8Array(await req.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
