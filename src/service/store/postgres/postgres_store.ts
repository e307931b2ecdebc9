/**
 * The healing service's store on PostgreSQL (npm `postgres`), for when one
 * machine is not enough: several stateless service processes share one
 * database. Migrations are applied at open. Concurrency rules:
 *
 * - one transaction per report; a per-signature advisory lock serialises
 *   reports of the same problem, so two processes never open two cases for
 *   one key, and a report id seen before returns its original case;
 * - case ids come from a per-year counter row inside that transaction (no
 *   gaps, no duplicates);
 * - outbox jobs are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so
 *   workers in different processes never run one job twice at once and a
 *   crashed worker's job comes back when its lease ends.
 *
 * @module
 */
import postgres from "postgres";
import { CaroError } from "../../../errors.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./schema.ts";
import { allocateCaseId } from "./case_ids.ts";
import type { ClaimedJob } from "../../github/drain_outbox.ts";
import type { CaseFacts, CaseListFilter } from "../../pages/case_view.ts";
import {
  addReportFacts,
  type CaseRow,
  caseRowToFacts,
  caseRowToState,
  newCaseFacts,
  reopensCase,
  type StoredFacts,
} from "../case_row.ts";
import { windowStart } from "../quota_window.ts";
import type {
  AdmitOutcome,
  CaseState,
  HealingStore,
  IncomingReport,
  IngestResult,
  QuotaCharge,
  QuotaDecision,
  QuotaPlan,
  RetentionPolicy,
  RetentionResult,
  StoredNotification,
  StoredReportRef,
} from "../types.ts";

export type { CaseSeed, IncomingReport, IngestResult, StoredNotification } from "../types.ts";

/** Options for {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Outbox lease in ms (default 5 min). */
  leaseMs?: number;
  now?: () => number;
}

/** The store. */
export class PostgresStore implements HealingStore {
  readonly #sql: postgres.Sql;
  readonly #leaseMs: number;

  private constructor(sql: postgres.Sql, leaseMs: number) {
    this.#sql = sql;
    this.#leaseMs = leaseMs;
  }

  /**
   * Connects and applies pending migrations.
   *
   * @example
   * ```ts ignore
   * const store = await PostgresStore.open("postgres://caro@127.0.0.1:5432/caro");
   * await store.close();
   * ```
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const sql = postgres(url, {
      max: options.max ?? 10,
      connect_timeout: 10,
      onnotice: () => {},
      types: { bigint: postgres.BigInt },
      transform: { undefined: null },
    });
    try {
      await applyMigrations(sql, MIGRATIONS, (options.now ?? Date.now)());
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw new CaroError(
        `Cannot open PostgreSQL store "${redactUrl(url)}": ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresStore(sql, options.leaseMs ?? 300_000);
  }

  /** Closes the pool. */
  close(): Promise<void> {
    return this.#sql.end({ timeout: 5 });
  }

  /**
   * Stores a report in its case (opening the case if new), idempotent by report id.
   *
   * @example
   * ```ts ignore
   * const { caseId } = await store.recordReport(report);
   * ```
   */
  recordReport(report: IncomingReport): Promise<IngestResult> {
    return this.#sql.begin(async (tx) => {
      await lockSignature(tx, report);
      return await this.#record(tx, report);
    });
  }

  /** {@inheritDoc HealingStore.admitReport} */
  admitReport(report: IncomingReport, plan: QuotaPlan): Promise<AdmitOutcome> {
    return this.#sql.begin(async (tx): Promise<AdmitOutcome> => {
      await lockSignature(tx, report);
      const seen = await findReportIn(tx, report.reportId);
      if (seen) return { ok: true, result: replayResult(seen) };
      const firstSeen = await touchIn(tx, report.installKey, report.receivedAt);
      const [known] = report.quarantined ? [] : await tx<{ case_id: string }[]>`
        select case_id from fingerprints where key = ${report.signatureKey}`;
      const decision = await consumeIn(
        tx,
        plan({ firstSeen, caseId: known?.case_id }),
        report.receivedAt,
      );
      if (!decision.ok) return { ok: false, refusal: decision };
      return { ok: true, result: await this.#record(tx, report) };
    });
  }

  /** Records a report inside `tx`, which holds the report's signature lock. */
  async #record(tx: postgres.TransactionSql, report: IncomingReport): Promise<IngestResult> {
    const key = report.quarantined ? `quarantine:${report.signatureKey}` : report.signatureKey;
    const seen = await findReportIn(tx, report.reportId);
    if (seen) return replayResult(seen);
    const [known] = await tx<{ case_id: string }[]>`
      select case_id from fingerprints where key = ${key}`;
    let caseId = known?.case_id;
    const newCase = !caseId;
    const t = report.receivedAt;
    if (!caseId) {
      caseId = await allocateCaseId(tx, new Date(t).getUTCFullYear());
      const facts = newCaseFacts(report.seed);
      await tx`insert into cases (id, signature_key, status, category, confidence, facts,
                 report_count, install_count, first_seen, last_seen)
               values (${caseId}, ${report.signatureKey},
                 ${report.quarantined ? "quarantined" : "open"}, ${report.seed.category},
                 ${report.seed.confidence}, ${tx.json(facts as never)}, 0, 0, ${t}, ${t})`;
      await tx`insert into fingerprints (key, case_id, version)
               values (${key}, ${caseId}, ${report.keyVersion})`;
    }
    await tx`insert into reports (id, case_id, install_key, received_at, caro_version, body)
             values (${report.reportId}, ${caseId}, ${report.installKey}, ${t},
               ${report.caroVersion}, ${tx.json(report.body as never)})`;
    const newInstall = (await tx`insert into case_installs (case_id, install_key)
             values (${caseId}, ${report.installKey}) on conflict do nothing`).count === 1;
    const [row] = await tx<
      { status: string; confidence: number; facts: StoredFacts; fixed_in: string | null }[]
    >`select status, confidence, facts, fixed_in from cases where id = ${caseId} for update`;
    const facts = addReportFacts(row.facts, report.seed, report.caroVersion, newInstall);
    const reopened = reopensCase(row.status, row.fixed_in, report.caroVersion);
    await tx`update cases set report_count = report_count + 1,
               install_count = install_count + ${newInstall ? 1 : 0},
               last_seen = greatest(last_seen, ${t}), facts = ${tx.json(facts as never)}
             where id = ${caseId}`;
    if (reopened) {
      await tx`update cases set status = 'regression', fixed_in = null, fix_sha = null,
                 resolved_at = null where id = ${caseId}`;
    }
    if (report.contact) {
      await tx`insert into contacts (report_id, method, value, created_at)
               values (${report.reportId}, ${report.contact.method}, ${report.contact.value}, ${t})`;
    }
    if (!report.quarantined) {
      await this.#enqueue(
        tx,
        "github.case",
        { kind: "github.case", caseId },
        `github.case:${caseId}`,
        t,
      );
    }
    return {
      caseId,
      status: reopened ? "regression" : row.status,
      confidence: row.confidence,
      fixedIn: reopened ? undefined : row.fixed_in ?? undefined,
      newCase,
      replay: false,
      reopened,
    };
  }

  /** {@inheritDoc HealingStore.findReport} */
  findReport(reportId: string): Promise<StoredReportRef | undefined> {
    return findReportIn(this.#sql, reportId);
  }

  /** {@inheritDoc HealingStore.knownCase} */
  async knownCase(signatureKey: string): Promise<CaseState | undefined> {
    const [row] = await this.#sql<CaseRow[]>`
      select c.* from fingerprints f join cases c on c.id = f.case_id
      where f.key = ${signatureKey} and c.status <> 'quarantined'`;
    return row && caseRowToState(row);
  }

  /** {@inheritDoc HealingStore.caseState} */
  async caseState(caseId: string): Promise<CaseState | undefined> {
    const [row] = await this.#sql<CaseRow[]>`select * from cases where id = ${caseId}`;
    return row && caseRowToState(row);
  }

  /** {@inheritDoc HealingStore.touchInstall} */
  touchInstall(installKey: string, now: number): Promise<number> {
    return touchIn(this.#sql, installKey, now);
  }

  /** {@inheritDoc HealingStore.consumeQuota} */
  consumeQuota(charges: readonly QuotaCharge[], now: number): Promise<QuotaDecision> {
    return this.#sql.begin((tx) => consumeIn(tx, charges, now));
  }

  /** {@inheritDoc HealingStore.eraseReport} */
  eraseReport(
    reportId: string,
    installKey: string,
  ): Promise<"erased" | "not_found" | "forbidden"> {
    return this.#sql.begin(async (tx) => {
      const [row] = await tx<{ case_id: string; install_key: string }[]>`
        select case_id, install_key from reports where id = ${reportId} for update`;
      if (!row) return "not_found" as const;
      if (row.install_key !== installKey) return "forbidden" as const;
      await tx`delete from contacts where report_id = ${reportId}`;
      await tx`delete from notifications where report_id = ${reportId}`;
      await tx`delete from reports where id = ${reportId}`;
      await tx`delete from case_installs where case_id = ${row.case_id}
                 and install_key = ${installKey}
                 and not exists (select 1 from reports where case_id = ${row.case_id}
                                   and install_key = ${installKey})`;
      return "erased" as const;
    });
  }

  /** {@inheritDoc HealingStore.markFixPending} */
  async markFixPending(caseId: string): Promise<boolean> {
    const result = await this.#sql`update cases set status = 'fix_pending'
      where id = ${caseId} and status in ('open', 'regression')`;
    return result.count === 1;
  }

  /** {@inheritDoc HealingStore.casesPendingRelease} */
  async casesPendingRelease(): Promise<{ caseId: string; fixSha?: string }[]> {
    const rows = await this.#sql<{ id: string; fix_sha: string | null }[]>`
      select id, fix_sha from cases where status = 'fix_pending' order by id`;
    return rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha ?? undefined }));
  }

  /** {@inheritDoc HealingStore.markNotificationsDelivered} */
  async markNotificationsDelivered(installKey: string, upToId: number, now: number) {
    await this.#sql`update notifications set delivered_at = ${now}
      where install_key = ${installKey} and id <= ${upToId} and delivered_at is null`;
  }

  /** {@inheritDoc HealingStore.purgeExpired} */
  purgeExpired(now: number, policy: RetentionPolicy): Promise<RetentionResult> {
    return this.#sql.begin(async (tx) => {
      const cutoff = now - policy.resolvedReportMs;
      await tx`create temporary table expired_reports on commit drop as
        select r.id from reports r join cases c on c.id = r.case_id
        where c.status = 'resolved' and c.resolved_at < ${cutoff}`;
      let contacts = (await tx`delete from contacts where report_id in
        (select id from expired_reports)`).count;
      await tx`delete from notifications where report_id in (select id from expired_reports)`;
      const reports = (await tx`delete from reports where id in
        (select id from expired_reports)`).count;
      contacts += (await tx`delete from contacts where report_id in
        (select report_id from notifications where delivered_at is not null)`).count;
      const deliveries = (await tx`delete from webhook_deliveries
        where received_at < ${now - policy.deliveryMs}`).count;
      const quotaRows =
        (await tx`delete from quota_counters where window_start < ${now - 86_400_000}`).count +
        (await tx`delete from quota_members where window_start < ${now - 86_400_000}`).count;
      return { reports, contacts, deliveries, quotaRows };
    });
  }

  /** {@inheritDoc HealingStore.caseCountsByStatus} */
  async caseCountsByStatus(): Promise<Record<string, number>> {
    const rows = await this.#sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from cases group by status`;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /**
   * Queues a side-effect job; a pending job with the same dedupe key absorbs it.
   *
   * @example
   * ```ts ignore
   * await store.enqueue("github.release", { kind: "github.release", tag: "v1.3.0", version: "1.3.0" }, "release:v1.3.0", Date.now());
   * ```
   */
  enqueue(
    kind: string,
    payload: unknown,
    dedupeKey: string | undefined,
    now: number,
  ): Promise<void> {
    return this.#enqueue(this.#sql, kind, payload, dedupeKey, now);
  }

  async #enqueue(
    sql: postgres.Sql | postgres.TransactionSql,
    kind: string,
    payload: unknown,
    dedupeKey: string | undefined,
    now: number,
  ): Promise<void> {
    await sql`insert into outbox (kind, payload, dedupe_key, state, due_at, created_at)
              values (${kind}, ${sql.json(payload as never)}, ${
      dedupeKey ?? null
    }, 'pending', ${now}, ${now})
              on conflict (dedupe_key) where state = 'pending' do nothing`;
  }

  /** {@inheritDoc OutboxPort.claimDue} */
  async claimDue(now: number, limit: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
    const rows = await this.#sql<
      { id: bigint; kind: string; payload: unknown; attempts: number }[]
    >`
      update outbox set state = 'running', attempts = attempts + 1, lease_until = ${
      now + this.#leaseMs
    }
      where id in (
        select id from outbox
        where kind = any(${kinds as string[]})
          and ((state = 'pending' and due_at <= ${now}) or (state = 'running' and lease_until < ${now}))
        order by due_at, id
        limit ${limit}
        for update skip locked)
      returning id, kind, payload, attempts`;
    return rows.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      payload: r.payload,
      attempt: r.attempts,
    }));
  }

  /** {@inheritDoc OutboxPort.complete} */
  async complete(id: string, now: number): Promise<void> {
    await this.#sql`update outbox set state = 'done', done_at = ${now}, lease_until = null
                    where id = ${id}`;
  }

  /** {@inheritDoc OutboxPort.retryLater} */
  async retryLater(id: string, at: number, reason: string): Promise<void> {
    await this.#sql.begin(async (tx) => {
      const [job] = await tx<{ dedupe_key: string | null }[]>`
        select dedupe_key from outbox where id = ${id} for update`;
      // A newer pending twin (queued while this one ran) absorbs the retry.
      const twin = job?.dedupe_key
        ? await tx`select 1 from outbox where dedupe_key = ${job.dedupe_key} and state = 'pending'`
        : [];
      if (twin.length) {
        await tx`update outbox set state = 'done', last_error = ${reason}, lease_until = null where id = ${id}`;
        await tx`update outbox set due_at = least(due_at, ${at}) where dedupe_key = ${
          job!.dedupe_key
        } and state = 'pending'`;
      } else {
        await tx`update outbox set state = 'pending', due_at = ${at}, last_error = ${reason},
                   lease_until = null where id = ${id}`;
      }
    });
  }

  /** {@inheritDoc OutboxPort.fail} */
  async fail(id: string, reason: string, now: number): Promise<void> {
    await this.#sql`update outbox set state = 'dead', last_error = ${reason}, done_at = ${now},
                      lease_until = null where id = ${id}`;
  }

  /**
   * Counts outbox jobs by state (for /metrics and tests).
   *
   * @example
   * ```ts ignore
   * const { pending } = await store.outboxCounts();
   * ```
   */
  async outboxCounts(): Promise<Record<string, number>> {
    const rows = await this.#sql<{ state: string; n: number }[]>`
      select state, count(*)::int as n from outbox group by state`;
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /**
   * Records a webhook delivery id; false when it was seen before.
   *
   * @example
   * ```ts ignore
   * if (!(await store.recordDelivery(deliveryId, Date.now()))) return; // duplicate
   * ```
   */
  async recordDelivery(id: string, now: number): Promise<boolean> {
    const result = await this.#sql`insert into webhook_deliveries (id, received_at)
                                   values (${id}, ${now}) on conflict do nothing`;
    return result.count === 1;
  }

  /**
   * Records the case's issue and PR on GitHub.
   *
   * @example
   * ```ts ignore
   * await store.saveGitHubLink("CARO-2026-001", { issueNumber: 12, issueUrl: "https://…" }, Date.now());
   * ```
   */
  async saveGitHubLink(
    caseId: string,
    link: { issueNumber?: number; issueUrl?: string; prNumber?: number; prUrl?: string },
    now: number,
  ): Promise<void> {
    await this.#sql`update cases set
        issue_number = coalesce(${link.issueNumber ?? null}::int, issue_number),
        issue_url = coalesce(${link.issueUrl ?? null}::text, issue_url),
        pr_number = coalesce(${link.prNumber ?? null}::int, pr_number),
        pr_url = coalesce(${link.prUrl ?? null}::text, pr_url),
        facts = jsonb_set(facts, '{linkedAt}', to_jsonb(coalesce((facts->>'linkedAt')::bigint, ${now})))
      where id = ${caseId}`;
  }

  /**
   * Records the fixing commit of a case (a merged PR), pending a release.
   *
   * @example
   * ```ts ignore
   * await store.setFixCommit("CARO-2026-001", "4f2a…");
   * ```
   */
  async setFixCommit(caseId: string, sha: string): Promise<void> {
    await this.#sql`update cases set fix_sha = ${sha}, status = 'fix_pending'
                    where id = ${caseId} and fixed_in is null and status <> 'quarantined'`;
  }

  /**
   * The case filed as GitHub issue `issueNumber`, if any.
   *
   * @example
   * ```ts ignore
   * const caseId = await store.caseIdForIssue(12);
   * ```
   */
  async caseIdForIssue(issueNumber: number): Promise<string | undefined> {
    const [row] = await this.#sql<{ id: string }[]>`
      select id from cases where issue_number = ${issueNumber}`;
    return row?.id;
  }

  /**
   * Cases with a fixing commit but no release yet.
   *
   * @example
   * ```ts ignore
   * for (const { caseId, fixSha } of await store.casesAwaitingRelease()) {}
   * ```
   */
  async casesAwaitingRelease(): Promise<{ caseId: string; fixSha: string }[]> {
    const rows = await this.#sql<{ id: string; fix_sha: string }[]>`
      select id, fix_sha from cases where fix_sha is not null and fixed_in is null order by id`;
    return rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha }));
  }

  /**
   * Marks a case resolved in `version` and queues one notification per
   * report on it (and an e-mail job per stored contact). Idempotent.
   *
   * @example
   * ```ts ignore
   * await store.markFixedIn("CARO-2026-001", "1.3.0", Date.now());
   * ```
   */
  markFixedIn(caseId: string, version: string, now: number): Promise<number> {
    return this.#sql.begin(async (tx) => {
      const updated = await tx`update cases set status = 'resolved', fixed_in = ${version},
                                 resolved_at = ${now}
                               where id = ${caseId} and status <> 'quarantined'
                                 and fixed_in is distinct from ${version}`;
      if (updated.count === 0) return 0;
      const inserted =
        await tx`insert into notifications (install_key, case_id, report_id, kind, created_at)
                                select install_key, case_id, id, 'resolved', ${now}
                                from reports where case_id = ${caseId}`;
      const contacts = await tx<{ report_id: string }[]>`
        select c.report_id from contacts c join reports r on r.id = c.report_id
        where r.case_id = ${caseId}`;
      for (const c of contacts) {
        await this.#enqueue(
          tx,
          "email.notice",
          { kind: "email.notice", reportId: c.report_id, caseId },
          `email:${c.report_id}`,
          now,
        );
      }
      return inserted.count;
    });
  }

  /**
   * Notifications for an install after `afterId`, oldest first.
   *
   * @example
   * ```ts ignore
   * const notices = await store.notificationsFor(installKey, 0);
   * ```
   */
  async notificationsFor(installKey: string, afterId: number): Promise<StoredNotification[]> {
    const rows = await this.#sql<
      {
        id: bigint;
        case_id: string;
        report_id: string;
        kind: string;
        created_at: bigint;
        status: string;
        fixed_in: string | null;
      }[]
    >`select n.id, n.case_id, n.report_id, n.kind, n.created_at, c.status, c.fixed_in
      from notifications n join cases c on c.id = n.case_id
      where n.install_key = ${installKey} and n.id > ${afterId} order by n.id limit 100`;
    return rows.map((r) => ({
      id: Number(r.id),
      caseId: r.case_id,
      reportId: r.report_id,
      kind: r.kind,
      createdAt: Number(r.created_at),
      status: r.status,
      fixedIn: r.fixed_in ?? undefined,
    }));
  }

  /**
   * The contact left with a report, if any.
   *
   * @example
   * ```ts ignore
   * const contact = await store.contactFor(reportId);
   * ```
   */
  async contactFor(reportId: string): Promise<{ method: string; value: string } | undefined> {
    const [row] = await this.#sql<{ method: string; value: string }[]>`
      select method, value from contacts where report_id = ${reportId}`;
    return row;
  }

  /**
   * Deletes the contact of a report (after its notice was delivered).
   *
   * @example
   * ```ts ignore
   * await store.deleteContact(reportId);
   * ```
   */
  async deleteContact(reportId: string): Promise<void> {
    await this.#sql`delete from contacts where report_id = ${reportId}`;
  }

  /**
   * Public facts of one case (for the case pages).
   *
   * @example
   * ```ts ignore
   * const facts = await store.caseFacts("CARO-2026-001");
   * ```
   */
  async caseFacts(id: string): Promise<CaseFacts | undefined> {
    const [row] = await this.#sql<CaseRow[]>`
      select * from cases where id = ${id} and status <> 'quarantined'`;
    return row ? caseRowToFacts(row) : undefined;
  }

  /**
   * Public facts of the cases matching a filter, most recently seen first.
   *
   * @example
   * ```ts ignore
   * const open = await store.listCaseFacts({ status: "open", limit: 50 });
   * ```
   */
  async listCaseFacts(filter: CaseListFilter): Promise<CaseFacts[]> {
    const rows = await this.#sql<CaseRow[]>`
      select * from cases
      where status <> 'quarantined' and (${filter.status ?? null}::text is null or status = ${
      filter.status ?? null
    })
        and (${filter.category ?? null}::text is null or category = ${filter.category ?? null})
        and last_seen >= ${filter.since ?? 0}
      order by last_seen desc, id limit ${filter.limit}`;
    return rows.map(caseRowToFacts);
  }

  /**
   * All case ids with their report counts (tests and admin).
   *
   * @example
   * ```ts ignore
   * const all = await store.caseCounts();
   * ```
   */
  async caseCounts(): Promise<{ id: string; reports: number; installs: number }[]> {
    const rows = await this.#sql<{ id: string; report_count: number; install_count: number }[]>`
      select id, report_count, install_count from cases order by id`;
    return rows.map((r) => ({ id: r.id, reports: r.report_count, installs: r.install_count }));
  }
}

/** The per-signature advisory lock that serialises reports of one problem. */
async function lockSignature(tx: postgres.TransactionSql, report: IncomingReport): Promise<void> {
  const key = report.quarantined ? `quarantine:${report.signatureKey}` : report.signatureKey;
  await tx`select pg_advisory_xact_lock(hashtext(${key}))`;
}

/** Records an install key's first sighting (a known key writes nothing). */
async function touchIn(
  sql: postgres.Sql | postgres.TransactionSql,
  installKey: string,
  now: number,
): Promise<number> {
  await sql`insert into installs (key, first_seen) values (${installKey}, ${now})
            on conflict do nothing`;
  const [row] = await sql<{ first_seen: bigint }[]>`
    select first_seen from installs where key = ${installKey}`;
  return Number(row.first_seen);
}

/**
 * Charges quota counters all-or-nothing inside `tx`; bucket locks are taken
 * in sorted order (after any signature lock), so transactions never deadlock.
 */
async function consumeIn(
  tx: postgres.TransactionSql,
  charges: readonly QuotaCharge[],
  now: number,
): Promise<QuotaDecision> {
  const buckets = [...new Set(charges.map((c) => c.bucket))].sort();
  // The two-key form is a lock space of its own: no collision with signature locks.
  for (const bucket of buckets) await tx`select pg_advisory_xact_lock(7, hashtext(${bucket}))`;
  const toCount: { charge: QuotaCharge; start: number }[] = [];
  for (const charge of charges) {
    const start = windowStart(now, charge.windowMs);
    if (charge.member !== undefined) {
      const [member] = await tx`select 1 from quota_members where bucket = ${charge.bucket}
                                  and window_start = ${start} and member = ${charge.member}`;
      if (member) continue;
    }
    const [row] = await tx<{ count: number }[]>`select count from quota_counters
      where bucket = ${charge.bucket} and window_start = ${start}`;
    if ((row?.count ?? 0) + 1 > charge.limit) {
      return {
        ok: false,
        scope: charge.scope,
        bucket: charge.bucket,
        retryAfterMs: start + charge.windowMs - now,
      } as QuotaDecision;
    }
    toCount.push({ charge, start });
  }
  for (const { charge, start } of toCount) {
    await tx`insert into quota_counters (bucket, window_start, count)
             values (${charge.bucket}, ${start}, 1)
             on conflict (bucket, window_start)
             do update set count = quota_counters.count + 1`;
    if (charge.member !== undefined) {
      await tx`insert into quota_members (bucket, window_start, member)
               values (${charge.bucket}, ${start}, ${charge.member})`;
    }
  }
  return { ok: true } as QuotaDecision;
}

/** The answer for a report id stored before. */
function replayResult(seen: StoredReportRef): IngestResult {
  return {
    caseId: seen.caseId,
    status: seen.status,
    confidence: seen.confidence,
    fixedIn: seen.fixedIn,
    newCase: false,
    replay: true,
    firstInstallKey: seen.installKey,
  };
}

/** A stored report by id, inside a transaction or not. */
async function findReportIn(
  sql: postgres.Sql | postgres.TransactionSql,
  reportId: string,
): Promise<StoredReportRef | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reportId)) {
    return undefined;
  }
  const [row] = await sql<
    {
      case_id: string;
      install_key: string;
      caro_version: string;
      status: string;
      confidence: number;
      fixed_in: string | null;
    }[]
  >`select r.case_id, r.install_key, r.caro_version, c.status, c.confidence, c.fixed_in
    from reports r join cases c on c.id = r.case_id where r.id = ${reportId}`;
  return row && {
    reportId,
    caseId: row.case_id,
    installKey: row.install_key,
    caroVersion: row.caro_version,
    status: row.status,
    confidence: row.confidence,
    fixedIn: row.fixed_in ?? undefined,
  };
}

/** The URL without its password, for error messages and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
