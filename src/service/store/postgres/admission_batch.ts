/**
 * Admission on PostgreSQL, in batches: the reports that arrive while a batch
 * is in flight form the next one (up to {@link MAX_BATCH}), and a batch is
 * one transaction in two round trips on one connection — `begin`, locks and
 * reads (`admission_snapshot.ts`); the decisions, in memory, report after
 * report (`admission_decide.ts`); the writes and `commit`
 * (`admission_writes.ts`). Under load a report costs a fraction of a round
 * trip and of a transaction, and the locks of a problem's key are held for
 * two round trips per batch, not for a dozen statements per report.
 *
 * The rows that never change once written — an install's first admission,
 * the case a fingerprint key files under — are remembered
 * (`remembered_rows.ts`), so charges are planned with them before the
 * snapshot is read; a report
 * planned on a guess the snapshot contradicts waits for the next batch. A
 * batch that fails is retried report by report, so one report's failure is
 * its own.
 *
 * @module
 */
import type postgres from "postgres";
import { RememberedRows } from "../remembered_rows.ts";
import type { AdmitOutcome, IncomingReport, QuotaPlan, ReportRules } from "../report_port.ts";
import { decideBatch, planItem, snapshotRequest } from "./admission_decide.ts";
import { readSnapshot } from "./admission_snapshot.ts";
import { writeAndCommit } from "./admission_writes.ts";

/** Reports per batch at most. */
const MAX_BATCH = 64;
/** Admissions on one pool. */
export interface AdmissionQueue {
  /** Admits one report (see `ReportPort.admitReport`). */
  admit(report: IncomingReport, plan: QuotaPlan, rules: ReportRules): Promise<AdmitOutcome>;
  /** Settles once every admission asked for so far is answered. */
  settled(): Promise<void>;
}

interface Waiting {
  report: IncomingReport;
  plan: QuotaPlan;
  rules: ReportRules;
  done: PromiseWithResolvers<AdmitOutcome>;
}

/**
 * The admission queue of a pool.
 *
 * @example
 * ```ts ignore
 * const queue = admissionQueue(sql);
 * const outcome = await queue.admit(report, plan, REPORT_RULES);
 * ```
 */
export function admissionQueue(sql: postgres.Sql): AdmissionQueue {
  const waiting: Waiting[] = [];
  const known = new RememberedRows();
  let running: Promise<void> | undefined;

  /** One transaction; returns the reports left for the next batch. Rejects: nothing kept. */
  const runBatch = async (batch: Waiting[]): Promise<Waiting[]> => {
    const items = batch.map((w) =>
      planItem(w.report, w.plan, w.rules, {
        firstSeen: known.firstAdmitted(w.report.installKey),
        caseId: known.caseOfKey(w.rules.fingerprintKey(w.report)),
      })
    );
    const request = snapshotRequest(items);
    const conn = await sql.reserve();
    try {
      const snapshot = await readSnapshot(conn, request);
      const { outcomes, writes } = decideBatch(items, request, snapshot);
      await writeAndCommit(conn, writes);
      for (const [key, firstSeen] of snapshot.installs) known.rememberInstall(key, firstSeen);
      for (const [key, row] of snapshot.cases) known.rememberCase(key, row.id);
      for (const row of writes.installs) known.rememberInstall(row.key, row.firstSeen);
      for (const row of writes.fingerprints) known.rememberCase(row.key, row.caseId);
      const later: Waiting[] = [];
      outcomes.forEach((outcome, i) =>
        outcome ? batch[i].done.resolve(outcome) : later.push(batch[i])
      );
      return later;
    } catch (error) {
      await conn`rollback`.catch(() => {});
      throw error;
    } finally {
      conn.release();
    }
  };

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        waiting.unshift(...await runBatch(batch));
      } catch (error) {
        if (batch.length === 1) {
          batch[0].done.reject(error);
          continue;
        }
        for (const one of batch) {
          try {
            waiting.unshift(...await runBatch([one]));
          } catch (alone) {
            one.done.reject(alone);
          }
        }
      }
    }
    running = undefined;
  };

  return {
    admit(report, plan, rules) {
      const done = Promise.withResolvers<AdmitOutcome>();
      waiting.push({ report, plan, rules, done });
      running ??= drain();
      return done.promise;
    },
    async settled() {
      while (running) await running;
    },
  };
}
