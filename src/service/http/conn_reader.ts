/**
 * A buffered reader over a connection's byte stream, with the three reads an
 * HTTP/1.1 server needs: a head up to the blank line, an exact number of
 * bytes, and a chunked body. Each read is bounded in size; time bounds are
 * the caller's (it closes the connection, which ends a pending read).
 *
 * @module
 */

/** A source of bytes (a `Deno.Conn`). */
export interface ByteSource {
  read(p: Uint8Array): Promise<number | null>;
}

/** Thrown when a head or body exceeds its size limit or is malformed. */
export class FramingError extends Error {
  constructor(readonly status: 400 | 413 | 431, message: string) {
    super(message);
  }
}

const CRLFCRLF = [13, 10, 13, 10];

/**
 * Reads HTTP framing from a {@link ByteSource}.
 *
 * @example A head, then a body of known length, then the end
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConnReader } from "./conn_reader.ts";
 * const data = [new TextEncoder().encode("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")];
 * const reader = new ConnReader({
 *   read: (p) => {
 *     const next = data.shift();
 *     if (!next) return Promise.resolve(null);
 *     p.set(next);
 *     return Promise.resolve(next.length);
 *   },
 * });
 * const head = await reader.readHead(1024);
 * assert.equal(new TextDecoder().decode(head!), "POST / HTTP/1.1\r\nContent-Length: 2");
 * assert.equal(new TextDecoder().decode(await reader.readExact(2)), "hi");
 * assert.equal(await reader.readHead(1024), undefined);
 * ```
 */
export class ConnReader {
  #pending = new Uint8Array(0);
  #chunk = new Uint8Array(16 * 1024);

  constructor(private readonly source: ByteSource) {}

  /** Whether bytes of a next request are already buffered. */
  get buffered(): number {
    return this.#pending.length;
  }

  async #fill(): Promise<boolean> {
    const n = await this.source.read(this.#chunk);
    if (n === null || n === 0) return false;
    const next = new Uint8Array(this.#pending.length + n);
    next.set(this.#pending);
    next.set(this.#chunk.subarray(0, n), this.#pending.length);
    this.#pending = next;
    return true;
  }

  /**
   * The next head (without its blank line), or `undefined` when the
   * connection ends first. Blank lines before a request are skipped. A head
   * of more than `maxBytes` before its blank line (the request line and the
   * header lines, each with its CRLF) is a 431, however its bytes arrive.
   */
  async readHead(maxBytes: number): Promise<Uint8Array | undefined> {
    let from = 0;
    for (;;) {
      while (this.#pending.length >= 2 && this.#pending[0] === 13 && this.#pending[1] === 10) {
        this.#pending = this.#pending.subarray(2);
      }
      const end = indexOf(this.#pending, CRLFCRLF, from);
      // The head's size or, until its end arrives, the least it can be: the whole
      // buffer but a last "\r" (which may start the blank line).
      const size = end >= 0 ? end + 2 : this.#pending.length - 1;
      if (size > maxBytes) throw new FramingError(431, "request head too large");
      if (end >= 0) {
        const head = this.#pending.subarray(0, end);
        this.#pending = this.#pending.subarray(end + 4);
        return head;
      }
      from = Math.max(0, this.#pending.length - 3);
      if (!(await this.#fill())) return undefined;
    }
  }

  /** Exactly `n` bytes; throws when the connection ends first. */
  async readExact(n: number): Promise<Uint8Array<ArrayBuffer>> {
    while (this.#pending.length < n) {
      if (!(await this.#fill())) throw new FramingError(400, "body shorter than declared");
    }
    const out = this.#pending.slice(0, n);
    this.#pending = this.#pending.subarray(n);
    return out;
  }

  /** A chunked body, decoded, up to `maxBytes` (trailers are skipped). */
  async readChunked(maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const line = await this.#readLine(1024);
      const size = parseInt(line.split(";")[0].trim(), 16);
      if (!/^[0-9a-fA-F]+$/.test(line.split(";")[0].trim()) || !Number.isSafeInteger(size)) {
        throw new FramingError(400, "bad chunk size");
      }
      if (size === 0) break;
      total += size;
      if (total > maxBytes) throw new FramingError(413, "body too large");
      parts.push(await this.readExact(size));
      if ((await this.#readLine(2)) !== "") throw new FramingError(400, "bad chunk end");
    }
    while ((await this.#readLine(8 * 1024)) !== "") { /* trailer field */ }
    const body = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      body.set(part, offset);
      offset += part.length;
    }
    return body;
  }

  async #readLine(maxBytes: number): Promise<string> {
    for (;;) {
      const end = indexOf(this.#pending, [13, 10], 0);
      if (end >= 0) {
        const line = new TextDecoder("latin1").decode(this.#pending.subarray(0, end));
        this.#pending = this.#pending.subarray(end + 2);
        return line;
      }
      if (this.#pending.length > maxBytes) throw new FramingError(400, "line too long");
      if (!(await this.#fill())) throw new FramingError(400, "body ended early");
    }
  }
}

function indexOf(haystack: Uint8Array, needle: number[], from: number): number {
  const last = haystack.length - needle.length;
  outer: for (
    let i = haystack.indexOf(needle[0], from);
    i >= 0 && i <= last;
    i = haystack.indexOf(needle[0], i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}
