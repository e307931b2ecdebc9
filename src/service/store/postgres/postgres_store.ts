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
import type { ClaimedJob, OutboxPort } from "../../github/drain_outbox.ts";
import type { CaseFacts, CaseListFilter } from "../../pages/case_view.ts";

/** The case-level facts a report brings (all sanitized). */
export interface CaseSeed {
  title: string;
  category: string;
  confidence: number;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  platform: string;
}

/** One accepted report, ready to store. */
export interface IncomingReport {
  reportId: string;
  installKey: string;
  /** Dedup key (e.g. 16 hex of the v1 signature's SHA-256). */
  signatureKey: string;
  keyVersion: string;
  receivedAt: number;
  caroVersion: string;
  body: unknown;
  seed: CaseSeed;
  contact?: { method: string; value: string };
}

/** Where a report landed. */
export interface IngestResult {
  caseId: string;
  status: string;
  /** A new case was opened by this report. */
  newCase: boolean;
  /** This report id had been stored before (a replay). */
  replay: boolean;
}

/** A notice for an install. */
export interface StoredNotification {
  id: number;
  caseId: string;
  reportId: string;
  kind: string;
  createdAt: number;
}

/** Options for {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Outbox lease in ms (default 5 min). */
  leaseMs?: number;
  now?: () => number;
}

/** Facts stored per case in the `facts` jsonb column. */
interface StoredFacts {
  title: string;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  shapeInstalls: number;
  platforms: Record<string, number>;
  versions: string[];
}

/** The store. */
export class PostgresStore implements OutboxPort {
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
      await tx`select pg_advisory_xact_lock(hashtext(${report.signatureKey}))`;
      const [seen] = await tx<{ case_id: string; status: string }[]>`
        select r.case_id, c.status from reports r join cases c on c.id = r.case_id
        where r.id = ${report.reportId}`;
      if (seen) return { caseId: seen.case_id, status: seen.status, newCase: false, replay: true };

      const [known] = await tx<{ case_id: string }[]>`
        select case_id from fingerprints where key = ${report.signatureKey}`;
      let caseId = known?.case_id;
      const newCase = !caseId;
      const t = report.receivedAt;
      if (!caseId) {
        caseId = await allocateCaseId(tx, new Date(t).getUTCFullYear());
        const facts: StoredFacts = {
          title: report.seed.title,
          reasons: report.seed.reasons,
          failureType: report.seed.failureType,
          stage: report.seed.stage,
          errorCode: report.seed.errorCode,
          requestShape: report.seed.requestShape,
          shapeInstalls: 0,
          platforms: {},
          versions: [],
        };
        await tx`insert into cases (id, signature_key, status, category, confidence, facts,
                   report_count, install_count, first_seen, last_seen)
                 values (${caseId}, ${report.signatureKey}, 'open', ${report.seed.category},
                   ${report.seed.confidence}, ${tx.json(facts as never)}, 0, 0, ${t}, ${t})`;
        await tx`insert into fingerprints (key, case_id, version)
                 values (${report.signatureKey}, ${caseId}, ${report.keyVersion})`;
      }
      await tx`insert into reports (id, case_id, install_key, received_at, caro_version, body)
               values (${report.reportId}, ${caseId}, ${report.installKey}, ${t},
                 ${report.caroVersion}, ${tx.json(report.body as never)})`;
      const newInstall = (await tx`insert into case_installs (case_id, install_key)
               values (${caseId}, ${report.installKey}) on conflict do nothing`).count === 1;
      const [row] = await tx<{ status: string; facts: StoredFacts }[]>`
        select status, facts from cases where id = ${caseId} for update`;
      const facts = row.facts;
      if (newInstall) {
        facts.platforms[report.seed.platform] = (facts.platforms[report.seed.platform] ?? 0) + 1;
        if (report.seed.requestShape === facts.requestShape) facts.shapeInstalls++;
      }
      if (!facts.versions.includes(report.caroVersion)) facts.versions.push(report.caroVersion);
      await tx`update cases set report_count = report_count + 1,
                 install_count = install_count + ${newInstall ? 1 : 0},
                 last_seen = greatest(last_seen, ${t}), facts = ${tx.json(facts as never)}
               where id = ${caseId}`;
      if (report.contact) {
        await tx`insert into contacts (report_id, method, value, created_at)
                 values (${report.reportId}, ${report.contact.method}, ${report.contact.value}, ${t})`;
      }
      await this.#enqueue(
        tx,
        "github.case",
        { kind: "github.case", caseId },
        `github.case:${caseId}`,
        t,
      );
      return { caseId, status: row.status, newCase, replay: false };
    });
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
                    where id = ${caseId} and fixed_in is null`;
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
                               where id = ${caseId} and fixed_in is distinct from ${version}`;
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
      { id: bigint; case_id: string; report_id: string; kind: string; created_at: bigint }[]
    >`select id, case_id, report_id, kind, created_at from notifications
      where install_key = ${installKey} and id > ${afterId} order by id limit 100`;
    return rows.map((r) => ({
      id: Number(r.id),
      caseId: r.case_id,
      reportId: r.report_id,
      kind: r.kind,
      createdAt: Number(r.created_at),
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
    const [row] = await this.#sql<CaseRow[]>`select * from cases where id = ${id}`;
    return row ? toFacts(row) : undefined;
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
      where (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
        and (${filter.category ?? null}::text is null or category = ${filter.category ?? null})
        and last_seen >= ${filter.since ?? 0}
      order by last_seen desc, id limit ${filter.limit}`;
    return rows.map(toFacts);
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

interface CaseRow {
  id: string;
  status: string;
  category: string;
  confidence: number;
  facts: StoredFacts & { linkedAt?: number };
  report_count: number;
  install_count: number;
  first_seen: bigint;
  last_seen: bigint;
  fixed_in: string | null;
  resolved_at: bigint | null;
  issue_url: string | null;
  issue_number: number | null;
  pr_url: string | null;
  pr_number: number | null;
}

function toFacts(row: CaseRow): CaseFacts {
  const f = row.facts;
  return {
    issueNumber: row.issue_number ?? undefined,
    prNumber: row.pr_number ?? undefined,
    versions: f.versions,
    id: row.id,
    title: f.title,
    status: row.status,
    category: row.category,
    confidence: row.confidence,
    reasons: f.reasons,
    failureType: f.failureType,
    stage: f.stage,
    errorCode: f.errorCode ?? undefined,
    requestShape: f.requestShape ?? undefined,
    requestShapeInstalls: f.shapeInstalls,
    platforms: Object.entries(f.platforms).map(([name, installs]) => ({ name, installs })),
    reports: row.report_count,
    installs: row.install_count,
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    issueUrl: row.issue_url ?? undefined,
    issueAt: f.linkedAt ?? undefined,
    prUrl: row.pr_url ?? undefined,
    resolvedAt: row.resolved_at === null ? undefined : Number(row.resolved_at),
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
