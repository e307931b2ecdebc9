/**
 * The outbox port on PostgreSQL: jobs are claimed under one transaction-level
 * advisory lock (claims are rare and short, so replicas take turns) with a
 * lease, so workers in different processes never run one job twice at once
 * and a crashed worker's job comes back when its lease ends. Jobs sharing a
 * dedupe key (one case's GitHub work) run one at a time across replicas: a
 * job is not claimed while a twin runs under a live lease, and one claim
 * takes at most one job per key.
 *
 * @module
 */
import type postgres from "postgres";
import type { ClaimedJob, OutboxJob, OutboxPort } from "../outbox_port.ts";
import type { PgSql } from "./postgres_sql.ts";

/**
 * Queues a job on the pool or inside a transaction (a pending twin absorbs it).
 *
 * @example
 * ```ts ignore
 * await enqueueIn(tx, { kind: "github.case", payload, dedupeKey: "github.case:CARO-2026-001" }, now);
 * ```
 */
export async function enqueueIn(sql: PgSql, job: OutboxJob, now: number): Promise<void> {
  await sql`insert into outbox (kind, payload, dedupe_key, priority, state, due_at, created_at)
            values (${job.kind}, ${sql.json(job.payload as never)}, ${job.dedupeKey ?? null},
              ${job.priority ?? 0}, 'pending', ${now}, ${now})
            on conflict (dedupe_key) where state = 'pending'
            do update set priority = excluded.priority where excluded.priority > outbox.priority`;
}

/**
 * The outbox port over a pool.
 *
 * @example
 * ```ts ignore
 * const outbox = postgresOutbox(sql, 300_000);
 * ```
 */
export function postgresOutbox(sql: postgres.Sql, leaseMs: number): OutboxPort {
  return {
    enqueue: (job, now) => enqueueIn(sql, job, now),
    async claimDue(now, limit, kinds): Promise<ClaimedJob[]> {
      const rows = await sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(9, 0)`;
        return await tx<
          {
            id: bigint;
            kind: string;
            payload: unknown;
            attempts: number;
            priority: number;
            due_at: bigint;
          }[]
        >`
          update outbox set state = 'running', attempts = attempts + 1,
            lease_until = ${now + leaseMs}
          where id in (
            select id from (
              select distinct on (coalesce(o.dedupe_key, o.id::text)) o.id, o.priority, o.due_at
              from outbox o
              where o.kind = any(${kinds as string[]})
                and ((o.state = 'pending' and o.due_at <= ${now})
                  or (o.state = 'running' and o.lease_until < ${now}))
                and (o.dedupe_key is null or not exists (
                  select 1 from outbox r where r.dedupe_key = o.dedupe_key and r.id <> o.id
                    and r.state = 'running' and r.lease_until >= ${now}))
              order by coalesce(o.dedupe_key, o.id::text), o.state desc, o.id
            ) c
            order by priority desc, due_at, id
            limit ${limit})
          returning id, kind, payload, attempts, priority, due_at`;
      });
      // RETURNING does not keep the subquery's order.
      rows.sort((a, b) =>
        b.priority - a.priority || Number(a.due_at - b.due_at) || Number(a.id - b.id)
      );
      return rows.map((r) => ({
        id: String(r.id),
        kind: r.kind,
        payload: r.payload,
        attempt: r.attempts,
      }));
    },
    leaseMs,
    async renewLease(id, now) {
      await sql`update outbox set lease_until = ${now + leaseMs}
                where id = ${id} and state = 'running'`;
    },
    async complete(id, now) {
      await sql`update outbox set state = 'done', done_at = ${now}, lease_until = null
                where id = ${id}`;
    },
    async retryLater(id, at, reason) {
      await sql.begin(async (tx) => {
        const [job] = await tx<{ dedupe_key: string | null }[]>`
          select dedupe_key from outbox where id = ${id} for update`;
        // A newer pending twin (queued while this one ran) absorbs the retry.
        const twin = job?.dedupe_key
          ? await tx`select 1 from outbox where dedupe_key = ${job.dedupe_key} and state = 'pending'`
          : [];
        if (twin.length) {
          await tx`update outbox set state = 'done', last_error = ${reason}, lease_until = null
                   where id = ${id}`;
          await tx`update outbox set due_at = least(due_at, ${at})
                   where dedupe_key = ${job!.dedupe_key} and state = 'pending'`;
        } else {
          await tx`update outbox set state = 'pending', due_at = ${at}, last_error = ${reason},
                     lease_until = null where id = ${id}`;
        }
      });
    },
    async fail(id, reason, now) {
      await sql`update outbox set state = 'dead', last_error = ${reason}, done_at = ${now},
                  lease_until = null where id = ${id}`;
    },
    async outboxCounts() {
      const rows = await sql<{ state: string; n: number }[]>`
        select state, count(*)::int as n from outbox group by state`;
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
  };
}
