/**
 * The decisions of a batch of admissions on PostgreSQL, made in memory over
 * the batch's snapshot (`admission_snapshot.ts`) with the caller's
 * {@link ReportRules}, report after report in arrival order, exactly as one
 * transaction per report would make them: a stored (or earlier in the
 * batch) report id is a replay; the quotas of the others are checked
 * against the totals read plus what the batch already charged; an admitted
 * report records its install's first admission, opens its case or lands in
 * it (the case as the earlier reports of the batch left it), and queues its
 * jobs. What to write comes back as rows, written together by
 * `admission_writes.ts`.
 *
 * Charges are planned before the snapshot is read, from what is known of
 * the install and the case (a cache of the rows that never change once
 * written); a report whose plan, given what the snapshot says, needs a
 * counter that was not read (say its case turned out to exist) is left for
 * the next batch, which plans it again with the facts now known.
 *
 * @module
 */
import { formatCaseId } from "../case_id.ts";
import { reportRowToRef } from "../report_row.ts";
import type { OutboxJob } from "../outbox_port.ts";
import type { QuotaCharge } from "../quota_port.ts";
import { windowStart } from "../quota_window.ts";
import type {
  AdmitOutcome,
  IncomingReport,
  QuotaPlan,
  ReleasedVersionReport,
  ReportRules,
  StoredFacts,
} from "../report_port.ts";
import type { AdmissionSnapshot, SnapshotRequest } from "./admission_snapshot.ts";
import { quotaKey, type QuotaWindow } from "./postgres_quotas.ts";

/** One admission in a batch. */
export interface BatchItem {
  report: IncomingReport;
  plan: QuotaPlan;
  rules: ReportRules;
  /** What the charges were planned with (before the snapshot), and the charges. */
  assumed: { firstSeen: number; caseId?: string; charges: QuotaCharge[] };
}

/** The rows a batch writes, each table's in one statement. */
export interface AdmissionWrites {
  installs: { key: string; firstSeen: number }[];
  counters: { year: number; seq: number }[];
  newCases: {
    id: string;
    signatureKey: string;
    status: string;
    category: string;
    confidence: number;
    facts: StoredFacts;
    reports: number;
    installs: number;
    firstSeen: number;
    lastSeen: number;
  }[];
  fingerprints: { key: string; caseId: string; version: string }[];
  reports: {
    id: string;
    caseId: string;
    installKey: string;
    receivedAt: number;
    caroVersion: string;
    body: unknown;
  }[];
  caseInstalls: { caseId: string; installKey: string; firstSeen: number }[];
  caseUpdates: {
    id: string;
    reports: number;
    installs: number;
    lastSeen: number;
    facts: StoredFacts;
    reopened: boolean;
  }[];
  contacts: { reportId: string; method: string; value: string; createdAt: number }[];
  /** Deduped: one per dedupe key (the highest priority), as one upsert after another. */
  jobs: { job: OutboxJob; at: number }[];
  counts: (QuotaWindow & { count: number })[];
  members: (QuotaWindow & { member: string })[];
}

/** What {@link decideBatch} decided. */
export interface BatchDecisions {
  /** Per item: its outcome, or `undefined` when it waits for the next batch. */
  outcomes: (AdmitOutcome | undefined)[];
  writes: AdmissionWrites;
}

/**
 * Plans a batch item: its charges from what is known of its install and case.
 *
 * @example An unknown install is planned as first seen now
 * ```ts
 * import assert from "node:assert/strict";
 * import { planItem } from "./admission_decide.ts";
 * const report = { receivedAt: 5 } as Parameters<typeof planItem>[0];
 * const item = planItem(report, () => [], {} as never, {});
 * assert.deepEqual(item.assumed, { firstSeen: 5, caseId: undefined, charges: [] });
 * ```
 */
export function planItem(
  report: IncomingReport,
  plan: QuotaPlan,
  rules: ReportRules,
  known: { firstSeen?: number; caseId?: string },
): BatchItem {
  const firstSeen = known.firstSeen ?? report.receivedAt;
  return {
    report,
    plan,
    rules,
    assumed: {
      firstSeen,
      caseId: known.caseId,
      charges: plan({ firstSeen, caseId: known.caseId }),
    },
  };
}

/**
 * What the snapshot of a batch must hold for {@link decideBatch}.
 *
 * @example One report: its key locked, its counters totalled, a case id counter for its year
 * ```ts
 * import assert from "node:assert/strict";
 * import { planItem, snapshotRequest } from "./admission_decide.ts";
 * const rules = { fingerprintKey: () => "00aa", establishedAfterMs: 10, establishedCountCap: 999 };
 * const report = { reportId: "r", installKey: "k", receivedAt: Date.UTC(2026, 0, 1), caroVersion: "1.0.0" };
 * const charge = { scope: "global", bucket: "global", limit: 9, windowMs: 60_000 };
 * const item = planItem(report as never, () => [charge], rules as never, {});
 * const request = snapshotRequest([item]);
 * assert.deepEqual(request.keys, ["00aa"]);
 * assert.deepEqual(request.totals, [{ bucket: "global", windowStart: Date.UTC(2026, 0, 1) }]);
 * assert.deepEqual(request.years, [2026]);
 * ```
 */
export function snapshotRequest(items: readonly BatchItem[]): SnapshotRequest {
  const totals = new Map<string, QuotaWindow>();
  const members = new Map<string, QuotaWindow & { member: string }>();
  const years = new Set<number>();
  for (const { report, assumed } of items) {
    for (const charge of assumed.charges) {
      const start = windowStart(report.receivedAt, charge.windowMs);
      totals.set(quotaKey(start, charge.bucket), { bucket: charge.bucket, windowStart: start });
      if (charge.member !== undefined) {
        members.set(quotaKey(start, charge.bucket, charge.member), {
          bucket: charge.bucket,
          windowStart: start,
          member: charge.member,
        });
      }
    }
    if (assumed.caseId === undefined) years.add(new Date(report.receivedAt).getUTCFullYear());
  }
  const keys = items.map((i) => i.rules.fingerprintKey(i.report));
  return {
    keys: [...new Set(keys)],
    memberBuckets: [...new Set([...members.values()].map((m) => m.bucket))],
    reportIds: [...new Set(items.map((i) => i.report.reportId.toLowerCase()))],
    installKeys: [...new Set(items.map((i) => i.report.installKey))],
    versions: [...new Set(items.map((i) => i.report.caroVersion))],
    perReport: items.map((i, n) => ({
      key: keys[n],
      installKey: i.report.installKey,
      establishedBefore: i.report.receivedAt - i.rules.establishedAfterMs,
    })),
    establishedCap: Math.max(...items.map((i) => i.rules.establishedCountCap)),
    totals: [...totals.values()],
    members: [...members.values()],
    years: [...years],
  };
}

/** A case as the batch holds it while its reports land. */
interface CaseState {
  id: string;
  /** Opened by this batch (then the columns below are its insert's). */
  opened?: { signatureKey: string; category: string; firstSeen: number; version: string };
  status: string;
  confidence: number;
  facts: StoredFacts;
  fixedIn: string | null;
  resolvedAt: number | null;
  /** Distinct installs, the batch's included. */
  installs: number;
  filed: boolean;
  /** Reports and new installs the batch added. */
  reports: number;
  newInstalls: number;
  lastSeen: number;
  reopened: boolean;
  /** Installs the batch put on the case → their first admission. */
  members: Map<string, number>;
  /** While resolved: reports since the resolution from known releases, the batch's included. */
  released: ReleasedVersionReport[];
}

/** Released-version reports the rules are given at most (the oldest). */
const MAX_RELEASED_REPORTS = 1_000;

/**
 * Decides every item of a batch, in order, over its snapshot.
 *
 * @example Two reports of a new problem: the first opens the case, the second joins it
 * ```ts
 * import assert from "node:assert/strict";
 * import { decideBatch, planItem, snapshotRequest } from "./admission_decide.ts";
 * import { REPORT_RULES } from "../../cases/report_rules.ts";
 * const seed = { title: "t", category: "rule_gap", confidence: 80, reasons: [],
 *   failureType: "validation", stage: "validation", platform: "linux/bash" };
 * const report = (reportId: string, installKey: string) => ({ reportId, installKey,
 *   signatureKey: "00aa", keyVersion: "v1", receivedAt: Date.UTC(2026, 0, 1),
 *   caroVersion: "1.0.0", body: {}, seed });
 * const items = [report("r1", "a"), report("r2", "b")]
 *   .map((r) => planItem(r, () => [], REPORT_RULES, {}));
 * const request = snapshotRequest(items);
 * const snapshot = { reports: new Map(), installs: new Map(), cases: new Map(),
 *   onCase: [false, false], established: [0, 0], released: new Map(),
 *   releases: new Set<string>(), totals: new Map(), members: new Set<string>(),
 *   counters: new Map([[2026, 6]]) };
 * const { outcomes, writes } = decideBatch(items, request, snapshot);
 * assert.deepEqual(outcomes.map((o) => o?.ok && [o.result.caseId, o.result.newCase]),
 *   [["CARO-2026-007", true], ["CARO-2026-007", false]]);
 * assert.deepEqual(writes.counters, [{ year: 2026, seq: 7 }]);
 * assert.equal(writes.newCases[0].reports, 2);
 * assert.equal(writes.newCases[0].installs, 2);
 * ```
 */
export function decideBatch(
  items: readonly BatchItem[],
  request: SnapshotRequest,
  snapshot: AdmissionSnapshot,
): BatchDecisions {
  const writes: AdmissionWrites = {
    installs: [],
    counters: [],
    newCases: [],
    fingerprints: [],
    reports: [],
    caseInstalls: [],
    caseUpdates: [],
    contacts: [],
    jobs: [],
    counts: [],
    members: [],
  };
  const outcomes: (AdmitOutcome | undefined)[] = [];
  const cases = new Map<string, CaseState>();
  const installs = new Map<string, number>();
  const admitted = new Map<string, { key: string; installKey: string; caroVersion: string }>();
  const used = new Map(snapshot.totals);
  const counted = new Set(snapshot.members);
  const asked = new Set(request.members.map((m) => quotaKey(m.windowStart, m.bucket, m.member)));
  const locked = new Set(request.memberBuckets);
  const counters = new Map(snapshot.counters);
  const counts = new Map<string, QuotaWindow & { count: number }>();
  const members = new Map<string, QuotaWindow & { member: string }>();
  const jobs = new Map<string, { job: OutboxJob; at: number }>();

  const caseOf = (key: string): CaseState | undefined => {
    const held = cases.get(key);
    if (held) return held;
    const row = snapshot.cases.get(key);
    if (!row) return undefined;
    const state: CaseState = {
      id: row.id,
      status: row.status,
      confidence: row.confidence,
      facts: row.facts,
      fixedIn: row.fixedIn,
      resolvedAt: row.resolvedAt,
      installs: row.installCount,
      filed: row.filed,
      reports: 0,
      newInstalls: 0,
      lastSeen: 0,
      reopened: false,
      members: new Map(),
      released: [...(snapshot.released.get(key) ?? [])],
    };
    cases.set(key, state);
    return state;
  };

  items.forEach((item, n) => {
    const { report, rules } = item;
    const key = rules.fingerprintKey(report);
    // A report id is a UUID column: one id, whatever the case of its hex digits.
    const id = report.reportId.toLowerCase();
    const stored = snapshot.reports.get(id);
    if (stored) {
      outcomes.push({ ok: true, result: rules.replay(reportRowToRef(report.reportId, stored)) });
      return;
    }
    const earlier = admitted.get(id);
    if (earlier) {
      const c = cases.get(earlier.key)!;
      outcomes.push({
        ok: true,
        result: rules.replay({
          reportId: report.reportId,
          caseId: c.id,
          installKey: earlier.installKey,
          caroVersion: earlier.caroVersion,
          status: c.status,
          confidence: c.confidence,
          fixedIn: c.fixedIn ?? undefined,
        }),
      });
      return;
    }
    const t = report.receivedAt;
    const year = new Date(t).getUTCFullYear();
    let c = caseOf(key);
    const admittedAt = installs.get(report.installKey) ?? snapshot.installs.get(report.installKey);
    const firstSeen = admittedAt ?? t;
    const charges = firstSeen === item.assumed.firstSeen && c?.id === item.assumed.caseId
      ? item.assumed.charges
      : item.plan({ firstSeen, caseId: c?.id });
    const windows = charges.map((charge) => ({ charge, start: windowStart(t, charge.windowMs) }));
    const unread = windows.some(({ charge, start }) =>
      !used.has(quotaKey(start, charge.bucket)) ||
      (charge.member !== undefined &&
        (!locked.has(charge.bucket) || !asked.has(quotaKey(start, charge.bucket, charge.member))))
    );
    if (unread || (!c && !counters.has(year))) {
      outcomes.push(undefined); // planned on what the snapshot did not read: the next batch
      return;
    }
    const charging = windows.filter(({ charge, start }) =>
      charge.member === undefined || !counted.has(quotaKey(start, charge.bucket, charge.member))
    );
    const over = charging.find(({ charge, start }) =>
      used.get(quotaKey(start, charge.bucket))! + 1 > charge.limit
    );
    if (over) {
      outcomes.push({
        ok: false,
        refusal: {
          ok: false,
          scope: over.charge.scope,
          bucket: over.charge.bucket,
          retryAfterMs: over.start + over.charge.windowMs - t,
        },
      });
      return;
    }
    for (const { charge, start } of charging) {
      const counter = quotaKey(start, charge.bucket);
      used.set(counter, used.get(counter)! + 1);
      const row = counts.get(counter) ?? { bucket: charge.bucket, windowStart: start, count: 0 };
      row.count++;
      counts.set(counter, row);
      if (charge.member !== undefined) {
        const member = quotaKey(start, charge.bucket, charge.member);
        counted.add(member);
        members.set(member, { bucket: charge.bucket, windowStart: start, member: charge.member });
      }
    }
    if (admittedAt === undefined) {
      installs.set(report.installKey, firstSeen);
      writes.installs.push({ key: report.installKey, firstSeen });
    }
    const newCase = c === undefined;
    if (!c) {
      const seq = counters.get(year)! + 1;
      counters.set(year, seq);
      const opened = rules.openCase(report);
      c = {
        id: formatCaseId(year, seq),
        opened: {
          signatureKey: report.signatureKey,
          category: report.seed.category,
          firstSeen: t,
          version: report.keyVersion,
        },
        status: opened.status,
        confidence: report.seed.confidence,
        facts: opened.facts,
        fixedIn: null,
        resolvedAt: null,
        installs: 0,
        filed: false,
        reports: 0,
        newInstalls: 0,
        lastSeen: t,
        reopened: false,
        members: new Map(),
        released: [],
      };
      cases.set(key, c);
    }
    const newInstall = !c.members.has(report.installKey) && !snapshot.onCase[n];
    if (newInstall) {
      c.members.set(report.installKey, firstSeen);
      writes.caseInstalls.push({ caseId: c.id, installKey: report.installKey, firstSeen });
    }
    writes.reports.push({
      id: report.reportId,
      caseId: c.id,
      installKey: report.installKey,
      receivedAt: t,
      caroVersion: report.caroVersion,
      body: report.body,
    });
    if (
      c.status === "resolved" && t >= (c.resolvedAt ?? 0) &&
      snapshot.releases.has(report.caroVersion)
    ) {
      c.released.push({
        installKey: report.installKey,
        caroVersion: report.caroVersion,
        receivedAt: t,
        installFirstSeen: firstSeen,
      });
    }
    const before = t - rules.establishedAfterMs;
    let established = snapshot.established[n];
    for (const seen of c.members.values()) if (seen <= before) established++;
    const landed = rules.land({
      caseId: c.id,
      newCase,
      newInstall,
      now: {
        status: c.status,
        confidence: c.confidence,
        facts: c.facts,
        fixedIn: c.fixedIn,
        installs: c.installs,
        establishedInstalls: Math.min(established, rules.establishedCountCap),
        filed: c.filed,
        releasedVersionReports: c.status === "resolved"
          ? [...c.released].sort((a, b) => a.receivedAt - b.receivedAt)
            .slice(0, MAX_RELEASED_REPORTS)
          : [],
      },
    }, report);
    c.facts = landed.facts;
    c.installs = landed.installs;
    c.reports++;
    if (newInstall) c.newInstalls++;
    c.lastSeen = Math.max(c.lastSeen, t);
    if (landed.reopened) {
      c.status = "regression";
      c.fixedIn = null;
      c.resolvedAt = null;
      c.reopened = true;
    }
    if (report.contact) {
      writes.contacts.push({
        reportId: report.reportId,
        method: report.contact.method,
        value: report.contact.value,
        createdAt: t,
      });
    }
    for (const job of rules.jobsAfter(report, c.id, landed)) {
      const same = job.dedupeKey === undefined ? undefined : jobs.get(job.dedupeKey);
      if (same) {
        same.job = { ...same.job, priority: Math.max(same.job.priority ?? 0, job.priority ?? 0) };
      } else if (job.dedupeKey !== undefined) jobs.set(job.dedupeKey, { job, at: t });
      else writes.jobs.push({ job, at: t });
    }
    admitted.set(id, {
      key,
      installKey: report.installKey,
      caroVersion: report.caroVersion,
    });
    outcomes.push({ ok: true, result: landed.result });
  });

  writes.jobs.push(...jobs.values());
  for (const [year, seq] of counters) {
    if (seq !== snapshot.counters.get(year)) writes.counters.push({ year, seq });
  }
  for (const [key, c] of cases) {
    if (c.opened) {
      writes.newCases.push({
        id: c.id,
        signatureKey: c.opened.signatureKey,
        status: c.status,
        category: c.opened.category,
        confidence: c.confidence,
        facts: c.facts,
        reports: c.reports,
        installs: c.installs,
        firstSeen: c.opened.firstSeen,
        lastSeen: c.lastSeen,
      });
      writes.fingerprints.push({ key, caseId: c.id, version: c.opened.version });
    } else if (c.reports > 0) {
      writes.caseUpdates.push({
        id: c.id,
        reports: c.reports,
        installs: c.newInstalls,
        lastSeen: c.lastSeen,
        facts: c.facts,
        reopened: c.reopened,
      });
    }
  }
  writes.counts = [...counts.values()];
  writes.members = [...members.values()];
  return { outcomes, writes };
}
