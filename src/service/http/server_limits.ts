/**
 * The HTTP server's own limits: how long a client may take to send a request
 * head and a body, how long an idle keep-alive connection is kept, how many
 * connections are open at once, and how large a head or body may be.
 *
 * @module
 */

/** Limits of {@link ../http/http_server.ts}. */
export interface ServerLimits {
  /** A connection's first request head must arrive within this (ms). */
  headerTimeoutMs: number;
  /** A request body must arrive within this after its head (ms). */
  bodyTimeoutMs: number;
  /** A keep-alive connection waits this long for the next request head (ms). */
  idleTimeoutMs: number;
  /** A response must be taken by the client within this (ms). */
  sendTimeoutMs: number;
  /** Connections open at once; more are answered 503 and closed. */
  maxConnections: number;
  /** Request head size (request line and headers), bytes → else 431. */
  maxHeadBytes: number;
  /** Request body size, bytes → else 413 (the routes set lower limits). */
  maxBodyBytes: number;
}

/**
 * Defaults: 10 s for a head or a body, 30 s idle, 256 connections (well
 * under the usual 1,024 open files; set `--max-connections` below the
 * process's file limit minus the database pool), 16 KiB heads, 1 MiB bodies.
 *
 * @example Every timeout is positive
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SERVER_LIMITS } from "./server_limits.ts";
 * assert.ok(DEFAULT_SERVER_LIMITS.headerTimeoutMs > 0 && DEFAULT_SERVER_LIMITS.maxConnections === 256);
 * ```
 */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  headerTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  sendTimeoutMs: 10_000,
  maxConnections: 256,
  maxHeadBytes: 16 * 1024,
  maxBodyBytes: 1024 * 1024,
});
