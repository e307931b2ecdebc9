/**
 * The healing service's embedded store: one SQLite file through
 * `node:sqlite` in WAL mode (`synchronous=NORMAL`: a crash of the OS may lose
 * the last commits, never corrupt the file; a crash of the process loses
 * nothing committed). `node:sqlite` is synchronous and this process is its
 * only writer, so each operation runs atomically (a savepoint) in a single
 * turn of the event loop: reports of one problem cannot race, case ids come
 * from a per-year counter row without gaps or duplicates, outbox claims are
 * exclusive. Operations share a group COMMIT and their promises resolve only
 * after it. WAL checkpoints run in a worker (`checkpoint_worker.ts`). A
 * second process on the same file waits on SQLite's lock (busy timeout 5 s).
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { CaroError } from "../../../errors.ts";
import type { ClaimedJob } from "../../github/drain_outbox.ts";
import type { GitHubCaseLink } from "../../github/github_jobs.ts";
import type { CaseFacts, CaseListFilter } from "../../pages/case_view.ts";
import { formatCaseId } from "../postgres/case_ids.ts";
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
import { SQLITE_MIGRATIONS } from "./schema.ts";

/** A case row as SQLite returns it (facts still JSON text). */
type RawCaseRow = Omit<CaseRow, "facts"> & { facts: string };

/** Operations sharing one COMMIT. */
interface CommitGroup {
  committed: PromiseWithResolvers<void>;
  size: number;
}

/** How often the worker checkpoints the WAL. */
const CHECKPOINT_INTERVAL_MS = 250;
/** The writer's own autocheckpoint, should the worker fall behind (pages of 4 KiB). */
const FALLBACK_CHECKPOINT_PAGES = 20_000;

/** Operations per group at most (then it commits at once). */
const MAX_GROUP = 256;

/** Options for {@link SqliteStore.open}. */
export interface SqliteStoreOptions {
  /** Outbox lease in ms (default 5 min). */
  leaseMs?: number;
}

/** The store. */
export class SqliteStore implements HealingStore {
  readonly #db: DatabaseSync;
  readonly #leaseMs: number;
  readonly #statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  #group: CommitGroup | undefined;
  #checkpointer: Worker | undefined;
  /** A zero-delay macrotask: the group commits after the I/O already ready. */
  readonly #flush = new MessageChannel();

  private constructor(db: DatabaseSync, leaseMs: number) {
    this.#flush.port1.onmessage = () => {
      if (this.#group) this.#commitGroup(this.#group);
    };
    this.#db = db;
    this.#leaseMs = leaseMs;
  }

  /**
   * Opens (creating if needed) the database file and applies pending migrations.
   *
   * @example
   * ```ts ignore
   * const store = await SqliteStore.open("/var/lib/caro/healing.db");
   * await store.close();
   * ```
   */
  static open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path);
      db.exec("pragma busy_timeout = 5000");
      db.exec("pragma journal_mode = wal");
      db.exec("pragma synchronous = normal");
      db.exec("pragma mmap_size = 268435456");
      // Checkpoints run in a worker (no fsync on the event loop); this is the fallback.
      db.exec(`pragma wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
      db.exec("pragma foreign_keys = on");
      const version = (db.prepare("pragma user_version").get() as { user_version: number })
        .user_version;
      for (let v = version; v < SQLITE_MIGRATIONS.length; v++) {
        db.exec("begin immediate");
        try {
          db.exec(SQLITE_MIGRATIONS[v]);
          db.exec(`pragma user_version = ${v + 1}`);
          db.exec("commit");
        } catch (error) {
          db.exec("rollback");
          throw error;
        }
      }
    } catch (error) {
      throw new CaroError(`Cannot open SQLite store "${path}": ${(error as Error).message}`, {
        cause: error,
      });
    }
    const store = new SqliteStore(db, options.leaseMs ?? 300_000);
    if (path !== ":memory:") store.#startCheckpointer(path);
    return Promise.resolve(store);
  }

  #startCheckpointer(path: string): void {
    const worker = new Worker(new URL("./checkpoint_worker.ts", import.meta.url), {
      type: "module",
    });
    worker.postMessage({ path, intervalMs: CHECKPOINT_INTERVAL_MS });
    this.#checkpointer = worker;
  }

  /** Commits what is pending, stops the checkpointer and closes the file. */
  async close(): Promise<void> {
    const worker = this.#checkpointer;
    this.#checkpointer = undefined;
    if (worker) {
      const stopped = new Promise((resolve) => (worker.onmessage = resolve));
      worker.postMessage("stop");
      await stopped;
      worker.terminate();
    }
    const group = this.#group;
    if (group) {
      this.#commitGroup(group);
      await group.committed.promise.catch(() => {});
    }
    this.#flush.port1.close();
    this.#flush.port2.close();
    if (this.#db.isOpen) this.#db.close();
  }

  #q(sql: string) {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#q(sql).get(...params) as T | undefined;
  }

  #all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.#q(sql).all(...params) as T[];
  }

  #run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#q(sql).run(...params).changes);
  }

  /**
   * Runs `fn` atomically (a savepoint) inside the current group transaction,
   * opening one if none is open; resolves only once the group is committed.
   * The group commits in a zero-delay macrotask (a MessageChannel message),
   * so operations of requests whose I/O is already ready join it: one COMMIT
   * (one WAL append) for many operations, without a timer's delay.
   */
  #tx<T>(fn: () => T): Promise<T> {
    try {
      const group = this.#group ?? this.#openGroup();
      this.#q("savepoint op").run();
      let result: T;
      try {
        result = fn();
      } catch (error) {
        this.#q("rollback to op").run();
        this.#q("release op").run();
        throw error;
      }
      this.#q("release op").run();
      if (++group.size >= MAX_GROUP) this.#commitGroup(group);
      return group.committed.promise.then(() => result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #openGroup(): CommitGroup {
    this.#q("begin immediate").run();
    const group: CommitGroup = { committed: Promise.withResolvers<void>(), size: 0 };
    this.#group = group;
    this.#flush.port2.postMessage(null);
    return group;
  }

  #commitGroup(group: CommitGroup): void {
    if (this.#group !== group) return;
    this.#group = undefined;
    try {
      this.#q("commit").run();
      group.committed.resolve();
    } catch (error) {
      try {
        this.#q("rollback").run();
      } catch { /* already rolled back */ }
      group.committed.reject(error);
    }
  }

  /** {@inheritDoc HealingStore.recordReport} */
  recordReport(report: IncomingReport): Promise<IngestResult> {
    return this.#tx(() => this.#record(report));
  }

  /** {@inheritDoc HealingStore.admitReport} */
  admitReport(report: IncomingReport, plan: QuotaPlan): Promise<AdmitOutcome> {
    return this.#tx((): AdmitOutcome => {
      const seen = this.#findReport(report.reportId);
      if (seen) return { ok: true, result: replayResult(seen) };
      const firstSeen = this.#touch(report.installKey, report.receivedAt);
      const caseId = this.#caseOfKey(report);
      const decision = this.#consume(
        plan({ firstSeen, caseId: report.quarantined ? undefined : caseId }),
        report.receivedAt,
      );
      if (!decision.ok) return { ok: false, refusal: decision };
      return { ok: true, result: this.#record(report, { caseId }) };
    });
  }

  #caseOfKey(report: IncomingReport): string | undefined {
    const key = report.quarantined ? `quarantine:${report.signatureKey}` : report.signatureKey;
    return this.#get<{ case_id: string }>("select case_id from fingerprints where key = ?", key)
      ?.case_id;
  }

  /** Records a report; `checked` when the caller already knows it is new and its case. */
  #record(report: IncomingReport, checked?: { caseId: string | undefined }): IngestResult {
    if (!checked) {
      const seen = this.#findReport(report.reportId);
      if (seen) return replayResult(seen);
    }
    const key = report.quarantined ? `quarantine:${report.signatureKey}` : report.signatureKey;
    const t = report.receivedAt;
    let caseId = checked ? checked.caseId : this.#caseOfKey(report);
    const newCase = caseId === undefined;
    if (caseId === undefined) {
      caseId = this.#allocateCaseId(new Date(t).getUTCFullYear());
      this.#run(
        `insert into cases (id, signature_key, status, category, confidence, facts,
           report_count, install_count, first_seen, last_seen)
         values (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
        caseId,
        report.signatureKey,
        report.quarantined ? "quarantined" : "open",
        report.seed.category,
        report.seed.confidence,
        JSON.stringify(newCaseFacts(report.seed)),
        t,
        t,
      );
      this.#run(
        "insert into fingerprints (key, case_id, version) values (?, ?, ?)",
        key,
        caseId,
        report.keyVersion,
      );
    }
    this.#run(
      `insert into reports (id, case_id, install_key, received_at, caro_version, body)
       values (?, ?, ?, ?, ?, ?)`,
      report.reportId,
      caseId,
      report.installKey,
      t,
      report.caroVersion,
      JSON.stringify(report.body),
    );
    const newInstall = this.#run(
      "insert into case_installs (case_id, install_key) values (?, ?) on conflict do nothing",
      caseId,
      report.installKey,
    ) === 1;
    const row = this.#get<
      { status: string; confidence: number; facts: string; fixed_in: string | null }
    >(
      "select status, confidence, facts, fixed_in from cases where id = ?",
      caseId,
    )!;
    const facts = addReportFacts(
      JSON.parse(row.facts) as StoredFacts,
      report.seed,
      report.caroVersion,
      newInstall,
    );
    const reopened = reopensCase(row.status, row.fixed_in, report.caroVersion);
    this.#run(
      `update cases set report_count = report_count + 1,
         install_count = install_count + ?, last_seen = max(last_seen, ?), facts = ?
       where id = ?`,
      newInstall ? 1 : 0,
      t,
      JSON.stringify(facts),
      caseId,
    );
    if (reopened) {
      this.#run(
        `update cases set status = 'regression', fixed_in = null, fix_sha = null,
           resolved_at = null where id = ?`,
        caseId,
      );
    }
    if (report.contact) {
      this.#run(
        "insert into contacts (report_id, method, value, created_at) values (?, ?, ?, ?)",
        report.reportId,
        report.contact.method,
        report.contact.value,
        t,
      );
    }
    if (!report.quarantined) {
      this.#enqueue("github.case", { kind: "github.case", caseId }, `github.case:${caseId}`, t);
    }
    const status = reopened ? "regression" : row.status;
    return {
      caseId,
      status,
      confidence: row.confidence,
      fixedIn: reopened ? undefined : row.fixed_in ?? undefined,
      newCase,
      replay: false,
      reopened,
    };
  }

  #allocateCaseId(year: number): string {
    const { seq } = this.#get<{ seq: number }>(
      `insert into case_counters (year, seq) values (?, 1)
       on conflict (year) do update set seq = seq + 1 returning seq`,
      year,
    )!;
    return formatCaseId(year, seq);
  }

  #findReport(reportId: string): StoredReportRef | undefined {
    const row = this.#get<{
      case_id: string;
      install_key: string;
      caro_version: string;
      status: string;
      confidence: number;
      fixed_in: string | null;
    }>(
      `select r.case_id, r.install_key, r.caro_version, c.status, c.confidence, c.fixed_in
       from reports r join cases c on c.id = r.case_id where r.id = ?`,
      reportId,
    );
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

  /** {@inheritDoc HealingStore.findReport} */
  findReport(reportId: string): Promise<StoredReportRef | undefined> {
    return Promise.resolve(this.#findReport(reportId));
  }

  /** {@inheritDoc HealingStore.knownCase} */
  knownCase(signatureKey: string): Promise<CaseState | undefined> {
    const row = this.#get<RawCaseRow>(
      `select c.id, c.status, c.category, c.confidence, c.report_count, c.install_count,
         c.first_seen, c.last_seen, c.fixed_in, c.issue_url
       from fingerprints f join cases c on c.id = f.case_id
       where f.key = ? and c.status <> 'quarantined'`,
      signatureKey,
    );
    return Promise.resolve(row && caseRowToState(row));
  }

  /** {@inheritDoc HealingStore.caseState} */
  caseState(caseId: string): Promise<CaseState | undefined> {
    const row = this.#get<RawCaseRow>("select * from cases where id = ?", caseId);
    return Promise.resolve(row && caseRowToState(row));
  }

  /** {@inheritDoc HealingStore.touchInstall} */
  touchInstall(installKey: string, now: number): Promise<number> {
    return this.#tx(() => this.#touch(installKey, now));
  }

  #touch(installKey: string, now: number): number {
    // Insert-or-ignore then read: a known key writes nothing.
    this.#run(
      "insert into installs (key, first_seen) values (?, ?) on conflict do nothing",
      installKey,
      now,
    );
    return this.#get<{ first_seen: number }>(
      "select first_seen from installs where key = ?",
      installKey,
    )!.first_seen;
  }

  /** {@inheritDoc HealingStore.consumeQuota} */
  consumeQuota(charges: readonly QuotaCharge[], now: number): Promise<QuotaDecision> {
    return this.#tx(() => this.#consume(charges, now));
  }

  #consume(charges: readonly QuotaCharge[], now: number): QuotaDecision {
    // Count optimistically; a charge over its limit rolls them all back.
    this.#q("savepoint quota").run();
    for (const charge of charges) {
      const start = windowStart(now, charge.windowMs);
      if (
        charge.member !== undefined &&
        this.#run(
            `insert into quota_members (bucket, window_start, member) values (?, ?, ?)
           on conflict do nothing`,
            charge.bucket,
            start,
            charge.member,
          ) === 0
      ) continue; // this member is already counted in this window
      const { count } = this.#get<{ count: number }>(
        `insert into quota_counters (bucket, window_start, count) values (?, ?, 1)
         on conflict (bucket, window_start) do update set count = count + 1 returning count`,
        charge.bucket,
        start,
      )!;
      if (count > charge.limit) {
        this.#q("rollback to quota").run();
        this.#q("release quota").run();
        return {
          ok: false,
          scope: charge.scope,
          bucket: charge.bucket,
          retryAfterMs: start + charge.windowMs - now,
        };
      }
    }
    this.#q("release quota").run();
    return { ok: true };
  }

  /** {@inheritDoc HealingStore.eraseReport} */
  eraseReport(
    reportId: string,
    installKey: string,
  ): Promise<"erased" | "not_found" | "forbidden"> {
    return this.#tx(() => {
      const row = this.#get<{ case_id: string; install_key: string }>(
        "select case_id, install_key from reports where id = ?",
        reportId,
      );
      if (!row) return "not_found" as const;
      if (row.install_key !== installKey) return "forbidden" as const;
      this.#run("delete from contacts where report_id = ?", reportId);
      this.#run("delete from notifications where report_id = ?", reportId);
      this.#run("delete from reports where id = ?", reportId);
      if (
        !this.#get(
          "select 1 from reports where case_id = ? and install_key = ?",
          row.case_id,
          installKey,
        )
      ) {
        this.#run(
          "delete from case_installs where case_id = ? and install_key = ?",
          row.case_id,
          installKey,
        );
      }
      return "erased" as const;
    });
  }

  /** {@inheritDoc HealingStore.recordDelivery} */
  recordDelivery(id: string, now: number): Promise<boolean> {
    return this.#tx(() =>
      this.#run(
        "insert into webhook_deliveries (id, received_at) values (?, ?) on conflict do nothing",
        id,
        now,
      ) === 1
    );
  }

  /** {@inheritDoc HealingStore.markFixPending} */
  markFixPending(caseId: string): Promise<boolean> {
    return this.#tx(() =>
      this.#run(
        `update cases set status = 'fix_pending'
         where id = ? and status in ('open', 'regression')`,
        caseId,
      ) === 1
    );
  }

  /** {@inheritDoc HealingStore.casesPendingRelease} */
  casesPendingRelease(): Promise<{ caseId: string; fixSha?: string }[]> {
    const rows = this.#all<{ id: string; fix_sha: string | null }>(
      "select id, fix_sha from cases where status = 'fix_pending' order by id",
    );
    return Promise.resolve(rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha ?? undefined })));
  }

  /** {@inheritDoc LoopStore.setFixCommit} */
  setFixCommit(caseId: string, sha: string): Promise<void> {
    return this.#tx(() => {
      this.#run(
        `update cases set fix_sha = ?, status = 'fix_pending'
         where id = ? and fixed_in is null and status <> 'quarantined'`,
        sha,
        caseId,
      );
    });
  }

  /** {@inheritDoc LoopStore.caseIdForIssue} */
  caseIdForIssue(issueNumber: number): Promise<string | undefined> {
    return Promise.resolve(
      this.#get<{ id: string }>("select id from cases where issue_number = ?", issueNumber)?.id,
    );
  }

  /** {@inheritDoc GitHubCaseStore.casesAwaitingRelease} */
  casesAwaitingRelease(): Promise<{ caseId: string; fixSha: string }[]> {
    const rows = this.#all<{ id: string; fix_sha: string }>(
      "select id, fix_sha from cases where fix_sha is not null and fixed_in is null order by id",
    );
    return Promise.resolve(rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha })));
  }

  /** {@inheritDoc GitHubCaseStore.markFixedIn} */
  markFixedIn(caseId: string, version: string, now: number): Promise<number> {
    return this.#tx(() => {
      const updated = this.#run(
        `update cases set status = 'resolved', fixed_in = ?, resolved_at = ?
         where id = ? and status <> 'quarantined' and (fixed_in is null or fixed_in <> ?)`,
        version,
        now,
        caseId,
        version,
      );
      if (updated === 0) return 0;
      const inserted = this.#run(
        `insert into notifications (install_key, case_id, report_id, kind, created_at)
         select install_key, case_id, id, 'resolved', ? from reports where case_id = ?`,
        now,
        caseId,
      );
      const contacts = this.#all<{ report_id: string }>(
        `select c.report_id from contacts c join reports r on r.id = c.report_id
         where r.case_id = ?`,
        caseId,
      );
      for (const c of contacts) {
        this.#enqueue(
          "email.notice",
          { kind: "email.notice", reportId: c.report_id, caseId },
          `email:${c.report_id}`,
          now,
        );
      }
      return inserted;
    });
  }

  /** {@inheritDoc GitHubCaseStore.saveGitHubLink} */
  saveGitHubLink(caseId: string, link: GitHubCaseLink, now: number): Promise<void> {
    return this.#tx(() => {
      this.#run(
        `update cases set issue_number = coalesce(?, issue_number),
           issue_url = coalesce(?, issue_url), pr_number = coalesce(?, pr_number),
           pr_url = coalesce(?, pr_url),
           facts = json_set(facts, '$.linkedAt', coalesce(json_extract(facts, '$.linkedAt'), ?))
         where id = ?`,
        link.issueNumber ?? null,
        link.issueUrl ?? null,
        link.prNumber ?? null,
        link.prUrl ?? null,
        now,
        caseId,
      );
    });
  }

  /** {@inheritDoc HealingStore.notificationsFor} */
  notificationsFor(installKey: string, afterId: number): Promise<StoredNotification[]> {
    const rows = this.#all<{
      id: number;
      case_id: string;
      report_id: string;
      kind: string;
      created_at: number;
      status: string;
      fixed_in: string | null;
    }>(
      `select n.id, n.case_id, n.report_id, n.kind, n.created_at, c.status, c.fixed_in
       from notifications n join cases c on c.id = n.case_id
       where n.install_key = ? and n.id > ? order by n.id limit 100`,
      installKey,
      afterId,
    );
    return Promise.resolve(rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      reportId: r.report_id,
      kind: r.kind,
      createdAt: r.created_at,
      status: r.status,
      fixedIn: r.fixed_in ?? undefined,
    })));
  }

  /** {@inheritDoc HealingStore.markNotificationsDelivered} */
  markNotificationsDelivered(installKey: string, upToId: number, now: number): Promise<void> {
    return this.#tx(() => {
      this.#run(
        `update notifications set delivered_at = ?
         where install_key = ? and id <= ? and delivered_at is null`,
        now,
        installKey,
        upToId,
      );
    });
  }

  /** {@inheritDoc EmailContactStore.contactFor} */
  contactFor(reportId: string): Promise<{ method: string; value: string } | undefined> {
    return Promise.resolve(
      this.#get<{ method: string; value: string }>(
        "select method, value from contacts where report_id = ?",
        reportId,
      ),
    );
  }

  /** {@inheritDoc EmailContactStore.deleteContact} */
  deleteContact(reportId: string): Promise<void> {
    return this.#tx(() => {
      this.#run("delete from contacts where report_id = ?", reportId);
    });
  }

  /** {@inheritDoc CaseFactsSource.caseFacts} */
  caseFacts(id: string): Promise<CaseFacts | undefined> {
    const row = this.#get<RawCaseRow>(
      "select * from cases where id = ? and status <> 'quarantined'",
      id,
    );
    return Promise.resolve(row && caseRowToFacts(parseFacts(row)));
  }

  /** {@inheritDoc CaseFactsSource.listCaseFacts} */
  listCaseFacts(filter: CaseListFilter): Promise<CaseFacts[]> {
    const rows = this.#all<RawCaseRow>(
      `select * from cases
       where status <> 'quarantined' and (? is null or status = ?)
         and (? is null or category = ?) and last_seen >= ?
       order by last_seen desc, id limit ?`,
      filter.status ?? null,
      filter.status ?? null,
      filter.category ?? null,
      filter.category ?? null,
      filter.since ?? 0,
      filter.limit,
    );
    return Promise.resolve(rows.map((r) => caseRowToFacts(parseFacts(r))));
  }

  /** {@inheritDoc LoopStore.enqueue} */
  enqueue(kind: string, payload: unknown, dedupeKey: string | undefined, now: number) {
    return this.#tx(() => {
      this.#enqueue(kind, payload, dedupeKey, now);
    });
  }

  #enqueue(kind: string, payload: unknown, dedupeKey: string | undefined, now: number): void {
    this.#run(
      `insert into outbox (kind, payload, dedupe_key, state, due_at, created_at)
       values (?, ?, ?, 'pending', ?, ?)
       on conflict (dedupe_key) where state = 'pending' do nothing`,
      kind,
      JSON.stringify(payload),
      dedupeKey ?? null,
      now,
      now,
    );
  }

  /** {@inheritDoc OutboxPort.claimDue} */
  claimDue(now: number, limit: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
    if (kinds.length === 0) return Promise.resolve([]);
    return this.#tx(() => {
      const rows = this.#all<{ id: number; kind: string; payload: string; attempts: number }>(
        `select id, kind, payload, attempts from outbox
         where kind in (select value from json_each(?))
           and ((state = 'pending' and due_at <= ?) or (state = 'running' and lease_until < ?))
         order by due_at, id limit ?`,
        JSON.stringify(kinds),
        now,
        now,
        limit,
      );
      for (const r of rows) {
        this.#run(
          `update outbox set state = 'running', attempts = attempts + 1, lease_until = ?
           where id = ?`,
          now + this.#leaseMs,
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
  }

  /** {@inheritDoc OutboxPort.complete} */
  complete(id: string, now: number): Promise<void> {
    return this.#tx(() => {
      this.#run(
        "update outbox set state = 'done', done_at = ?, lease_until = null where id = ?",
        now,
        Number(id),
      );
    });
  }

  /** {@inheritDoc OutboxPort.retryLater} */
  retryLater(id: string, at: number, reason: string): Promise<void> {
    return this.#tx(() => {
      const job = this.#get<{ dedupe_key: string | null }>(
        "select dedupe_key from outbox where id = ?",
        Number(id),
      );
      const twin = job?.dedupe_key
        ? this.#get(
          "select 1 from outbox where dedupe_key = ? and state = 'pending'",
          job.dedupe_key,
        )
        : undefined;
      if (twin) {
        this.#run(
          `update outbox set state = 'done', last_error = ?, lease_until = null where id = ?`,
          reason,
          Number(id),
        );
        this.#run(
          `update outbox set due_at = min(due_at, ?) where dedupe_key = ? and state = 'pending'`,
          at,
          job!.dedupe_key,
        );
      } else {
        this.#run(
          `update outbox set state = 'pending', due_at = ?, last_error = ?, lease_until = null
           where id = ?`,
          at,
          reason,
          Number(id),
        );
      }
    });
  }

  /** {@inheritDoc OutboxPort.fail} */
  fail(id: string, reason: string, now: number): Promise<void> {
    return this.#tx(() => {
      this.#run(
        `update outbox set state = 'dead', last_error = ?, done_at = ?, lease_until = null
         where id = ?`,
        reason,
        now,
        Number(id),
      );
    });
  }

  /** {@inheritDoc HealingStore.purgeExpired} */
  purgeExpired(now: number, policy: RetentionPolicy): Promise<RetentionResult> {
    return this.#tx(() => {
      const cutoff = now - policy.resolvedReportMs;
      const expired = `select r.id from reports r join cases c on c.id = r.case_id
                       where c.status = 'resolved' and c.resolved_at < ?`;
      let contacts = this.#run(`delete from contacts where report_id in (${expired})`, cutoff);
      this.#run(`delete from notifications where report_id in (${expired})`, cutoff);
      const reports = this.#run(`delete from reports where id in (${expired})`, cutoff);
      contacts += this.#run(
        `delete from contacts where report_id in
           (select report_id from notifications where delivered_at is not null)`,
      );
      const deliveries = this.#run(
        "delete from webhook_deliveries where received_at < ?",
        now - policy.deliveryMs,
      );
      let quotaRows = 0;
      for (const table of ["quota_counters", "quota_members"]) {
        quotaRows += this.#run(`delete from ${table} where window_start < ?`, now - 86_400_000);
      }
      return { reports, contacts, deliveries, quotaRows };
    });
  }

  /** {@inheritDoc HealingStore.caseCountsByStatus} */
  caseCountsByStatus(): Promise<Record<string, number>> {
    const rows = this.#all<{ status: string; n: number }>(
      "select status, count(*) as n from cases group by status",
    );
    return Promise.resolve(Object.fromEntries(rows.map((r) => [r.status, r.n])));
  }

  /** {@inheritDoc HealingStore.caseCounts} */
  caseCounts(): Promise<{ id: string; reports: number; installs: number }[]> {
    const rows = this.#all<{ id: string; report_count: number; install_count: number }>(
      "select id, report_count, install_count from cases order by id",
    );
    return Promise.resolve(
      rows.map((r) => ({ id: r.id, reports: r.report_count, installs: r.install_count })),
    );
  }
}

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

function parseFacts(row: RawCaseRow): CaseRow {
  return { ...row, facts: JSON.parse(row.facts) as StoredFacts };
}
