/**
 * The start of a later run, through the real CLI: queued reports are
 * flushed in the background (never with --version, --no-healing or
 * DO_NOT_TRACK), the service is asked for notices at most once a day, and
 * pending notices are drawn in a box on a real pseudo-terminal only (not
 * through pipes, not with --json), then marked shown and the case's contact
 * deleted. Expired notices are never shown.
 */
import { CARO_VERSION } from "../../../src/version.ts";
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { enqueueReport } from "../../../src/healing/queue/enqueue_report.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { recordCaseReport } from "../../../src/healing/cases/case_records.ts";
import {
  NOTICE_TTL_MS,
  readNoticeFile,
  updateNoticeFile,
} from "../../../src/healing/notification/notice_store.ts";
import { readContacts, saveContact } from "../../../src/healing/contact/contact_store.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { acceptReport, reportBody, startService } from "./fixtures.ts";

const MAIN = fileURLToPath(new URL("../../../main.ts", import.meta.url));

/** Runs caro on a real pseudo-terminal (util-linux `script`); returns what the terminal showed. */
async function runInTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const quoted = [Deno.execPath(), "run", "--no-prompt", "-A", MAIN, ...args]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
  const out = await new Deno.Command("script", {
    args: ["-qec", quoted, "/dev/null"],
    env: { PATH: Deno.env.get("PATH") ?? "", TERM: "dumb", NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).replaceAll("\r\n", "\n");
}

async function queueDue(dataDir: string, reportId: string): Promise<void> {
  await enqueueReport(dataDir, {
    reportId,
    queuedAt: Date.now() - 60_000,
    attempts: 1,
    nextRetryAt: 0,
    lastError: "cannot reach heal.caro.example: connection refused",
    body: reportBody(reportId),
  }, Date.now());
}

Deno.test("a later run flushes the queue in the background, exactly once", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const service = startService((_n, seen, s) =>
    seen.path.startsWith("/v1/notifications")
      ? Response.json({ notifications: [], cursor: "0" })
      : acceptReport(seen, s)
  );
  try {
    await queueDue(dataDir, "r_later");
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    for (const args of [["--version"], ["--no-healing", "cases"], ["queue"]]) {
      equal((await runCaro(args, { env })).code, 0);
    }
    equal((await runCaro(["cases"], { env: { ...env, DO_NOT_TRACK: "1" } })).code, 0);
    equal(service.seen.length, 0, "no request for --version, --no-healing, queue, DO_NOT_TRACK");

    equal((await runCaro(["cases"], { env })).code, 0);
    deepEqual([...service.accepted.entries()], [["r_later", 1]]);
    equal((await scanQueue(dataDir, Date.now())).entries.length, 0);
    const next = await runCaro(["cases"], { env });
    match(
      next.stdout,
      /^CARO-2026-0001 {2}open {2}http:\/\/127\.0\.0\.1:\d+\/cases\/CARO-2026-0001\n {2}report r_later\n$/,
    );
    equal(service.seen.filter((s) => s.path === "/v1/reports").length, 1);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a report still undeliverable at start-up stays queued, its attempt counted", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 }); // accepts, never answers
  const held: Deno.Conn[] = [];
  const loop = (async () => {
    for await (const conn of listener) held.push(conn);
  })().catch(() => {});
  try {
    await queueDue(dataDir, "r_hole");
    const run = await runCaro(["cases"], {
      env: {
        CARO_HOME: home,
        CARO_HEALING_ENDPOINT: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
      },
    });
    equal(run.code, 0, run.stderr);
    equal(run.stderr, "");
    const [entry] = (await scanQueue(dataDir, Date.now())).entries;
    equal(entry.reportId, "r_hole");
    equal(entry.attempts, 2);
    ok(entry.nextRetryAt > Date.now(), "rescheduled by the queue's backoff");
  } finally {
    listener.close();
    held.forEach((conn) => conn.close());
    await loop;
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("notices: asked once a day, shown in a box only on a terminal, then marked shown", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const created = new Date().toISOString();
  const service = startService((_n, seen) =>
    Response.json({
      notifications: seen.path === "/v1/notifications?since=0"
        ? [{
          id: "41",
          case_id: "CARO-2026-0007",
          status: "resolved",
          fixed_in: "1.4.2",
          message: "CARO-2026-0007 is fixed in 1.4.2: upgrade caro to get the fix",
          created_at: created,
        }]
        : [],
      cursor: "41",
    })
  );
  try {
    await recordCaseReport(dataDir, {
      reportId: "r-7",
      caseId: "CARO-2026-0007",
      status: "open",
      trackUrl: "https://heal.caro.example/cases/CARO-2026-0007",
      submittedAt: Date.now(),
    });
    await saveContact(dataDir, {
      report_id: "r-7",
      case_id: "CARO-2026-0007",
      method: "email",
      value: "ada@example.org",
    });
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    await runCaro(["cases"], { env });
    await runCaro(["cases"], { env });
    deepEqual(service.seen.map((s) => [s.method, s.path, s.signatureOk]), [
      ["GET", "/v1/notifications?since=0", true],
    ]);
    const cases = await runCaro(["cases", "--json"], { env });
    equal(JSON.parse(cases.stdout).cases[0].status, "resolved");

    const piped = await runCaro(["cases"], { env });
    equal(piped.stderr, "", "no box without a terminal");
    const json = await runInTerminal(["--json", "cases"], env);
    ok(!json.includes("╭"), "no box with --json");
    equal((await readContacts(dataDir)).length, 1);

    const shown = await runInTerminal(["cases"], env);
    equal(
      shown,
      "╭─ caro: news about your report ───────────────────────────────────────╮\n" +
        `│ ${
          `CARO-2026-0007: fixed in 1.4.2: upgrade to 1.4.2 (you have ${CARO_VERSION})`.padEnd(68)
        } │\n` +
        "│                                                                      │\n" +
        "│ caro notifications lists them · --dismiss ID hides one               │\n" +
        "╰──────────────────────────────────────────────────────────────────────╯\n" +
        "CARO-2026-0007  resolved (fixed in 1.4.2)  https://heal.caro.example/cases/CARO-2026-0007\n" +
        "  report r-7\n",
    );
    ok((await readNoticeFile(dataDir)).notices[0].shownAt !== undefined);
    deepEqual(await readContacts(dataDir), [], "the contact is deleted once the notice is shown");
    const again = await runInTerminal(["cases"], env);
    ok(!again.includes("╭"), "shown once");
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("notices older than 30 days are never shown nor listed", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  try {
    const now = Date.now();
    await updateNoticeFile(dataDir, now - NOTICE_TTL_MS, (file) => ({
      ...file,
      lastCheckedAt: now,
      notices: [
        {
          id: "old",
          caseId: "CARO-2026-0001",
          status: "resolved",
          message: "old news",
          createdAt: now - NOTICE_TTL_MS - 60_000,
        },
        {
          id: "new",
          caseId: "CARO-2026-0002",
          status: "resolved",
          message: "fresh news",
          createdAt: now - 60_000,
        },
      ],
    }));
    const env = { CARO_HOME: home };
    const listed = await runCaro(["--json", "notifications"], { env });
    deepEqual(JSON.parse(listed.stdout).notices.map((n: { id: string }) => n.id), ["new"]);
    const shown = await runInTerminal(["cases"], env);
    ok(shown.includes("fresh news") && !shown.includes("old news"), shown);
    deepEqual((await readNoticeFile(dataDir)).notices.map((n) => n.id), ["new"]);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro notifications --dismiss hides a notice; unknown ids are one clear line", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  try {
    const now = Date.now();
    await updateNoticeFile(dataDir, now, (file) => ({
      ...file,
      lastCheckedAt: now,
      notices: [{
        id: "9",
        caseId: "CARO-2026-0009",
        status: "resolved",
        message: "fixed",
        createdAt: now,
      }],
    }));
    const env = { CARO_HOME: home };
    const unknown = await runCaro(["notifications", "--dismiss", "nope"], { env });
    deepEqual([unknown.code, unknown.stderr], [
      1,
      "error: No notice with id nope (caro notifications lists them)\n",
    ]);
    const dismissed = await runCaro(["notifications", "--dismiss", "9"], { env });
    equal(dismissed.stdout, "dismissed 1 notice\n");
    const listed = await runCaro(["notifications"], { env });
    match(
      listed.stdout,
      /^9 {2}\S+ \S+ UTC {2}CARO-2026-0009 \(resolved\) {2}\(dismissed\)\n {2}fixed\n$/,
    );
    const shown = await runInTerminal(["cases"], env);
    ok(!shown.includes("╭"), "a dismissed notice is not boxed");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro notifications --refresh asks now, even after today's check", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const service = startService((_n, seen) =>
    Response.json({
      notifications: [{
        id: "77",
        case_id: "CARO-2026-0077",
        status: "resolved",
        fixed_in: "1.5.0",
        message: "CARO-2026-0077 is fixed in 1.5.0: upgrade caro to get the fix",
        created_at: new Date().toISOString(),
      }],
      cursor: seen.path.endsWith("since=5") ? "77" : "bad",
    })
  );
  try {
    const now = Date.now();
    await updateNoticeFile(dataDir, now, (file) => ({ ...file, cursor: "5", lastCheckedAt: now }));
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const run = await runCaro(["notifications", "--refresh"], { env });
    equal(run.code, 0, run.stderr);
    match(run.stdout, /^77 {2}\S+ \S+ UTC {2}CARO-2026-0077 \(resolved\) {2}\(new\)\n/);
    deepEqual(service.seen.map((s) => [s.path, s.signatureOk]), [[
      "/v1/notifications?since=5",
      true,
    ]]);
    equal((await readNoticeFile(dataDir)).cursor, "77");
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
