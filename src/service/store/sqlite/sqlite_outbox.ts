/**
 * The outbox port on SQLite: claims are exclusive because every operation
 * runs whole in one turn of the event loop; a lease brings back the job of a
 * worker that died.
 *
 * @module
 */
import type { ClaimedJob, OutboxJob, OutboxPort } from "../outbox_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * Queues a job inside the caller's transaction (a pending twin absorbs it).
 *
 * @example A twin is absorbed
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { enqueueIn } from "./sqlite_outbox.ts";
 * const db = SqliteDb.open(":memory:");
 * enqueueIn(db, { kind: "k", payload: {}, dedupeKey: "d" }, 1);
 * enqueueIn(db, { kind: "k", payload: {}, dedupeKey: "d" }, 2);
 * assert.equal(db.get<{ n: number }>("select count(*) as n from outbox")?.n, 1);
 * await db.close();
 * ```
 */
export function enqueueIn(db: SqliteDb, job: OutboxJob, now: number): void {
  db.run(
    `insert into outbox (kind, payload, dedupe_key, priority, state, due_at, created_at)
     values (?, ?, ?, ?, 'pending', ?, ?)
     on conflict (dedupe_key) where state = 'pending'
     do update set priority = excluded.priority where excluded.priority > priority`,
    job.kind,
    JSON.stringify(job.payload),
    job.dedupeKey ?? null,
    job.priority ?? 0,
    now,
    now,
  );
}

/**
 * The outbox port over a database.
 *
 * @example Claim and complete
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteOutbox } from "./sqlite_outbox.ts";
 * const db = SqliteDb.open(":memory:");
 * const outbox = sqliteOutbox(db, 1_000);
 * await outbox.enqueue({ kind: "github.case", payload: { caseId: "c" } }, 0);
 * const [job] = await outbox.claimDue(0, 10, ["github.case"]);
 * assert.equal(job.attempt, 1);
 * await outbox.complete(job.id, 1);
 * assert.deepEqual(await outbox.outboxCounts(), { done: 1 });
 * await db.close();
 * ```
 */
export function sqliteOutbox(db: SqliteDb, leaseMs: number): OutboxPort {
  return {
    enqueue: (job, now) => db.tx(() => enqueueIn(db, job, now)),
    claimDue(now, limit, kinds): Promise<ClaimedJob[]> {
      if (kinds.length === 0) return Promise.resolve([]);
      return db.tx(() => {
        // One job per dedupe key, none while a twin runs under a live lease (one case's
        // GitHub work runs one at a time, in every process on this file).
        const candidates = db.all<
          { id: number; kind: string; payload: string; attempts: number; dedupe_key: string | null }
        >(
          `select id, kind, payload, attempts, dedupe_key from outbox o
           where kind in (select value from json_each(?))
             and ((state = 'pending' and due_at <= ?) or (state = 'running' and lease_until < ?))
             and (dedupe_key is null or not exists (
               select 1 from outbox r where r.dedupe_key = o.dedupe_key and r.id <> o.id
                 and r.state = 'running' and r.lease_until >= ?))
           order by priority desc, due_at, state desc, id`,
          JSON.stringify(kinds),
          now,
          now,
          now,
        );
        const keys = new Set<string>();
        const rows = candidates.filter((r) => {
          if (r.dedupe_key === null) return true;
          if (keys.has(r.dedupe_key)) return false;
          keys.add(r.dedupe_key);
          return true;
        }).slice(0, limit);
        for (const r of rows) {
          db.run(
            `update outbox set state = 'running', attempts = attempts + 1, lease_until = ?
             where id = ?`,
            now + leaseMs,
            r.id,
          );
        }
        return rows.map((r) => ({
          id: String(r.id),
          kind: r.kind,
          payload: JSON.parse(r.payload),
          attempt: r.attempts + 1,
        }));
      });
    },
    leaseMs,
    renewLease: (id, now) =>
      db.tx(() => {
        db.run(
          "update outbox set lease_until = ? where id = ? and state = 'running'",
          now + leaseMs,
          Number(id),
        );
      }),
    complete: (id, now) =>
      db.tx(() => {
        db.run(
          "update outbox set state = 'done', done_at = ?, lease_until = null where id = ?",
          now,
          Number(id),
        );
      }),
    retryLater: (id, at, reason) =>
      db.tx(() => {
        const job = db.get<{ dedupe_key: string | null }>(
          "select dedupe_key from outbox where id = ?",
          Number(id),
        );
        // A newer pending twin (queued while this one ran) absorbs the retry.
        const twin = job?.dedupe_key
          ? db.get(
            "select 1 from outbox where dedupe_key = ? and state = 'pending'",
            job.dedupe_key,
          )
          : undefined;
        if (twin) {
          db.run(
            "update outbox set state = 'done', last_error = ?, lease_until = null where id = ?",
            reason,
            Number(id),
          );
          db.run(
            "update outbox set due_at = min(due_at, ?) where dedupe_key = ? and state = 'pending'",
            at,
            job!.dedupe_key,
          );
        } else {
          db.run(
            `update outbox set state = 'pending', due_at = ?, last_error = ?, lease_until = null
             where id = ?`,
            at,
            reason,
            Number(id),
          );
        }
      }),
    fail: (id, reason, now) =>
      db.tx(() => {
        db.run(
          `update outbox set state = 'dead', last_error = ?, done_at = ?, lease_until = null
           where id = ?`,
          reason,
          now,
          Number(id),
        );
      }),
    outboxCounts() {
      const rows = db.all<{ state: string; n: number }>(
        "select state, count(*) as n from outbox group by state",
      );
      return Promise.resolve(Object.fromEntries(rows.map((r) => [r.state, r.n])));
    },
  };
}
