/**
 * The SQLite connection every SQLite port shares: one file through
 * `node:sqlite` in WAL mode (`synchronous=NORMAL`: a crash of the OS may lose
 * the last commits, never corrupt the file; a crash of the process loses
 * nothing committed), migrations applied at open, cached statements, and the
 * group commit. `node:sqlite` is synchronous and this process is its only
 * writer, so each operation runs atomically (a savepoint) in a single turn
 * of the event loop: reports of one problem cannot race, case ids come from
 * a per-year counter row without gaps or duplicates, outbox claims are
 * exclusive. Operations share a group COMMIT and their promises resolve only
 * after it. WAL checkpoints run in a worker (`checkpoint_worker.ts`). A
 * second process on the same file waits on SQLite's lock (busy timeout 5 s).
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { CaroError } from "../../../errors.ts";
import { SQLITE_MIGRATIONS } from "./ddl.ts";

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

/** The open database the ports run their SQL on. */
export class SqliteDb {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  #group: CommitGroup | undefined;
  #checkpointer: Worker | undefined;
  /** A zero-delay macrotask: the group commits after the I/O already ready. */
  readonly #flush = new MessageChannel();

  private constructor(db: DatabaseSync) {
    this.#flush.port1.onmessage = () => {
      if (this.#group) this.#commitGroup(this.#group);
    };
    this.#db = db;
  }

  /**
   * Opens (creating if needed) the database file and applies pending migrations.
   *
   * @example In memory
   * ```ts
   * import assert from "node:assert/strict";
   * import { SqliteDb } from "./sqlite_db.ts";
   * const db = SqliteDb.open(":memory:");
   * assert.equal(db.get<{ n: number }>("select count(*) as n from cases")?.n, 0);
   * await db.close();
   * ```
   */
  static open(path: string): SqliteDb {
    let db: DatabaseSync;
    try {
      ownerOnly(path);
      db = new DatabaseSync(path);
      db.exec("pragma busy_timeout = 5000");
      db.exec("pragma journal_mode = wal");
      db.exec("pragma synchronous = normal");
      db.exec("pragma mmap_size = 268435456");
      // Checkpoints run in a worker (no fsync on the event loop); this is the fallback.
      db.exec(`pragma wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
      db.exec("pragma foreign_keys = on");
      // Deleted rows (a contact after its notice, a forgotten report) are overwritten, not
      // left in the file's free space.
      db.exec("pragma secure_delete = on");
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
    const opened = new SqliteDb(db);
    if (path !== ":memory:") opened.#startCheckpointer(path);
    return opened;
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

  /** The first row of a (cached) statement. */
  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#q(sql).get(...params) as T | undefined;
  }

  /** All rows of a (cached) statement. */
  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.#q(sql).all(...params) as T[];
  }

  /** Runs a (cached) statement; returns the rows it changed. */
  run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#q(sql).run(...params).changes);
  }

  /**
   * Runs `fn` atomically (a savepoint) inside the current group transaction,
   * opening one if none is open; resolves only once the group is committed.
   * The group commits in a zero-delay macrotask (a MessageChannel message),
   * so operations of requests whose I/O is already ready join it: one COMMIT
   * (one WAL append) for many operations, without a timer's delay.
   */
  tx<T>(fn: () => T): Promise<T> {
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

  /** Runs `fn` in a nested savepoint that it may roll back by returning `false`. */
  savepoint(fn: () => boolean): void {
    this.#q("savepoint inner").run();
    if (!fn()) this.#q("rollback to inner").run();
    this.#q("release inner").run();
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
}

/**
 * Creates the database file readable by its owner only (0600), or makes an
 * existing one so: it holds contacts and install keys. SQLite gives its
 * `-wal` and `-shm` files the database file's mode. Not on Windows (no
 * modes), nor for `:memory:`.
 */
function ownerOnly(path: string): void {
  if (path === ":memory:" || Deno.build.os === "windows") return;
  Deno.openSync(path, { create: true, write: true, mode: 0o600 }).close();
  Deno.chmodSync(path, 0o600);
}
