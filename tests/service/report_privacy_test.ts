/**
 * The service keeps only what it must (issue 13): the contact lives in the
 * contact table alone and goes once its notice is delivered; a contact is one
 * address, handle or username; every string field passes the sanitizer, and
 * what it would change is quarantined, stored sanitized, never published,
 * and counted in the log. Real service, real SQLite file (and PostgreSQL when
 * `CARO_TEST_PG_URL` is set), real SMTP.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { reportSignature } from "../../src/protocol/report/signature.ts";
import type { WireReport } from "../../src/protocol/report/schema.ts";
import { resolveCase } from "../../src/service/cases/resolve_case.ts";
import { type EmailNoticeJob, runEmailJob } from "../../src/service/email/email_jobs.ts";
import { createSmtpSender } from "../../src/service/email/smtp_notifier.ts";
import { drainOutbox } from "../../src/service/outbox/drain_outbox.ts";
import { startService } from "../../tools/service_process.ts";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";
import { startSmtpSink } from "../_support/smtp_sink.ts";
import { columnsHolding, freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const EMAIL = "reporter.privacy@example.org";
const GITHUB_TOKEN = "ghp_" + "Zq7Xk2Lm9Pw4Rt8Yv3Bn6Cd1Fg5Hj0Ks2Ql4";

/** A full-consent report with every optional string field present. */
function fullReport(overrides: Partial<WireReport> = {}): WireReport {
  return sampleReport({
    consent_level: "full",
    request: {
      intent_category: "file_management",
      shape: "delete log files older than <NUM> days in <PATH>",
      complexity_score: 30,
      text: "delete log files older than 30 days in <PATH>",
      generated_command: "find <PATH> -name '*.log' -mtime +30 -delete",
    },
    failure: {
      failure_type: "validation",
      stage: "validation",
      error_code: "E_SAFETY_BLOCK",
      safety_patterns_triggered: ["rm-recursive"],
      error_message: "blocked by rule rm-recursive",
    },
    safety_context: { safety_level: "moderate", config_keys: ["safety.level"] },
    ...overrides,
  });
}

/** Sets one dotted field (array fields get the value as their only item). */
function withField(report: WireReport, path: string, value: string): WireReport {
  const copy = structuredClone(report) as unknown as Record<string, Record<string, unknown>>;
  const [block, leaf] = path.split(".");
  if (leaf === undefined) (copy as Record<string, unknown>)[block] = value;
  else copy[block][leaf] = Array.isArray(copy[block][leaf]) ? [value] : value;
  return copy as unknown as WireReport;
}

Deno.test("on the service database after a report with a contact: the e-mail exists only in the contact table, and is gone after the notice was delivered", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const svc = await startTestService({ store: await db.open() });
      const smtp = await startSmtpSink();
      try {
        const key = await generateInstallKey();
        const report = sampleReport({ contact: { method: "email", value: EMAIL } });
        const res = await postReport(svc.url, key, report);
        equal(res.status, 201);
        const { case_id } = await res.json();
        deepEqual(await columnsHolding(db, EMAIL), ["contacts.value"]);

        equal(await resolveCase(svc.store, case_id, "1.3.0", Date.now()), 1);
        const sender = createSmtpSender({
          host: "127.0.0.1",
          port: smtp.port,
          from: "caro healing <healing@caro.example>",
          name: "heal.caro.example",
          ignoreTLS: true,
        });
        const drained = await drainOutbox(
          svc.store,
          ["email.notice"],
          async (job) =>
            void await runEmailJob(job.payload as EmailNoticeJob, svc.store, sender, svc.url),
          Date.now,
        ).finally(() => sender.close());
        deepEqual(drained, { done: 1, retried: 0, failed: 0 });
        deepEqual(smtp.received.map((m) => m.to), [[EMAIL]]);
        deepEqual(await columnsHolding(db, EMAIL), [], "no trace once the notice was delivered");
        if (kind === "sqlite") {
          // Nor in the file's free space: deleted content is overwritten (secure_delete).
          await svc.stop();
          const bytes = new TextDecoder("latin1").decode(await Deno.readFile(db.location));
          equal(bytes.includes(EMAIL), false, "the deleted contact's bytes are not in the file");
          // And the file (contacts, install keys) is its owner's alone.
          equal((await Deno.stat(db.location)).mode! & 0o777, 0o600);
        }
      } finally {
        await smtp.close();
        await svc.stop();
        await svc.remove();
        await db.drop();
      }
    });
  }
});

Deno.test("a contact that is not one e-mail address, handle or GitHub user is refused with 422, nothing stored", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    const refused = [
      { method: "email", value: "a@x.org, b@y.org, c@z.org" },
      { method: "email", value: "a@x.org;b@y.org" },
      { method: "email", value: "Ada <ada@x.org>" },
      { method: "email", value: "ada@x.org\r\nBcc: b@y.org" },
      { method: "twitter", value: "@ada @bob" },
      { method: "github", value: "ada, bob" },
      { method: "github", value: "ada@x.org" },
    ] as const;
    for (const contact of refused) {
      const report = sampleReport({ contact });
      const res = await postReport(svc.url, key, report);
      equal(res.status, 422, contact.value);
      const { error } = await res.json();
      equal(error.code, "invalid_contact");
      equal(error.field, "contact.value");
      ok(error.message.startsWith("contact.value must be one "), error.message);
      equal(error.retry, false);
      equal(await svc.store.findReport(report.id), undefined);
    }
    for (
      const contact of [
        { method: "email", value: "ada.l+caro@example.org" },
        { method: "twitter", value: "@ada_l" },
        { method: "github", value: "ada-l" },
      ] as const
    ) {
      const res = await postReport(svc.url, key, sampleReport({ contact }));
      equal(res.status, 201, contact.value);
      await res.body?.cancel();
    }
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("tokens of the documented alphabets pass: model, versions, codes, rule ids, key names", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    const report = fullReport({
      caro_version: "1.2.3-rc.1+build.5",
      platform: { os: "linux", arch: "aarch64", os_version: "Ubuntu-24.04", libc: "glibc" },
      shell: { name: "zsh", version: "5.9" },
      backend: { type: "ollama", model: "qwen2.5-coder:7b" },
    });
    report.failure.safety_patterns_triggered = ["rm-recursive", "find_delete"];
    report.safety_context = {
      safety_level: "strict",
      config_keys: ["safety.level", "backend.model"],
    };
    const res = await postReport(svc.url, key, report);
    equal(res.status, 201);
    equal((await res.json()).status, "open");
    const mlx = fullReport({
      backend: { type: "mlx", model: "mlx-community/Qwen2.5-Coder-7B-Instruct-4bit" },
    });
    equal((await (await postReport(svc.url, key, mlx)).json()).status, "open");
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

/** Fields where a `ghp_` token fits the schema (arch and libc are ≤ 32 characters). */
const TOKEN_FITS = [
  "caro_version",
  "platform.os_version",
  "shell.version",
  "backend.model",
  "request.shape",
  "request.text",
  "request.generated_command",
  "failure.error_code",
  "failure.safety_patterns_triggered",
  "failure.error_message",
  "safety_context.config_keys",
];
const FREE_TEXT = [
  "request.shape",
  "request.text",
  "request.generated_command",
  "failure.error_message",
];
const TOKEN_FIELDS = [
  "caro_version",
  "platform.arch",
  "platform.os_version",
  "platform.libc",
  "shell.version",
  "backend.model",
  "failure.error_code",
  "failure.safety_patterns_triggered",
  "safety_context.config_keys",
];

Deno.test("an e-mail or a ghp_ token in any string field: refused by the token alphabets or quarantined; never stored, on a page, in an issue or /v1/known; the count is logged", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const events: { event: string; fields: Record<string, unknown> }[] = [];
      const svc = await startTestService({
        store: await db.open(),
        log: (event, fields = {}) => events.push({ event, fields }),
      });
      try {
        // Three installs each: enough for a published case to be filed on GitHub.
        const keys = await Promise.all([1, 2, 3].map(() => generateInstallKey()));
        const quarantined: { field: string; caseId: string; report: WireReport }[] = [];
        const send = async (field: string, value: string) => {
          const sent: { res: Response; report: WireReport }[] = [];
          for (const key of keys) {
            const report = withField(fullReport(), field, value);
            sent.push({ res: await postReport(svc.url, key, report), report });
          }
          return sent;
        };
        const expectQuarantined = async (field: string, value: string) => {
          for (const { res, report } of await send(field, value)) {
            equal(res.status, 201, field);
            const body = await res.json();
            equal(body.status, "quarantined", field);
            quarantined.push({ field, caseId: body.case_id, report });
          }
        };
        const expectRefused = async (field: string, value: string) => {
          for (const { res } of await send(field, value)) {
            equal(res.status, 400, field);
            equal((await res.json()).error.code, "invalid_schema");
          }
        };
        for (const field of TOKEN_FITS) await expectQuarantined(field, GITHUB_TOKEN);
        for (const field of ["platform.arch", "platform.libc"]) {
          await expectRefused(field, GITHUB_TOKEN);
        }
        for (const field of FREE_TEXT) await expectQuarantined(field, `mail ${EMAIL} about it`);
        for (const field of TOKEN_FIELDS) await expectRefused(field, EMAIL);
        const controls = await Promise.all(
          (await send("failure.error_code", "E_CONTROL")).map(({ res }) => res.json()),
        );
        deepEqual(controls.map((c) => c.status), ["open", "open", "open"]);
        const controlCase = controls[0].case_id;

        deepEqual(await columnsHolding(db, GITHUB_TOKEN), [], "the token is stored nowhere");
        deepEqual(await columnsHolding(db, EMAIL), [], "the e-mail is stored nowhere");
        deepEqual((await columnsHolding(db, "<SECRET:github>")).sort(), [
          "cases.facts",
          "reports.body",
          "reports.caro_version",
        ], "what is kept is the sanitized report");
        for (const { field, caseId, report } of quarantined) {
          const { key: signatureKey } = await reportSignature(report);
          const known = await fetch(`${svc.url}/v1/known/${signatureKey}`);
          equal(known.status, 404, field);
          await known.body?.cancel();
          for (const path of [`/cases/${caseId}`, `/cases/${caseId}.json`]) {
            const page = await fetch(`${svc.url}${path}`);
            equal(page.status, 404, `${field} ${path}`);
            await page.body?.cancel();
          }
          deepEqual(await (await fetch(`${svc.url}/v1/cases/${caseId}`)).json(), {
            id: caseId,
            status: "quarantined",
            track_url: `${svc.url}/cases/${caseId}`,
          });
        }
        const list = await (await fetch(`${svc.url}/cases`)).text();
        ok(!list.includes("quarantine") && !list.includes("ghp_"), "no quarantined case listed");
        const jobs = await svc.store.claimDue(Date.now() + 86_400_000, 1_000, ["github.case"]);
        deepEqual(
          jobs.map((j) => j.payload),
          [{ kind: "github.case", caseId: controlCase }],
          "a GitHub job for the clean control case only: no issue for a quarantined report",
        );

        const logged = events.filter((e) => e.event === "report_quarantined");
        deepEqual(
          logged.map((e) => e.fields.quarantined_total),
          quarantined.map((_, i) => i + 1),
        );
        deepEqual(
          logged.map((e) => e.fields.fields),
          quarantined.map((q) => [q.field]),
        );
        ok(logged.every((e) => (e.fields.reasons as string[]).includes("unsanitized")));
        const log = JSON.stringify(events);
        ok(!log.includes(GITHUB_TOKEN) && !log.includes(EMAIL), "the log holds no value");
      } finally {
        await svc.stop();
        await svc.remove();
        await db.drop();
      }
    });
  }
});

Deno.test("deno task service logs each quarantined report with the running count, never the value", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-quarantine-log-" });
  const logFile = join(dir, "service.log");
  const service = await startService({ db: join(dir, "healing.db"), logFile });
  try {
    const key = await generateInstallKey();
    const sent = [
      withField(fullReport(), "failure.error_code", GITHUB_TOKEN),
      fullReport(),
      withField(fullReport(), "request.text", `mail ${EMAIL} about it`),
    ];
    const statuses = [];
    for (const report of sent) {
      statuses.push((await (await postReport(service.url, key, report)).json()).status);
    }
    deepEqual(statuses, ["quarantined", "open", "quarantined"]);
  } finally {
    equal((await service.stop()).code, 0);
  }
  const log = await Deno.readTextFile(logFile);
  await Deno.remove(dir, { recursive: true });
  const quarantined = log.split("\n").filter(Boolean).map((line) => JSON.parse(line))
    .filter((line) => line.event === "report_quarantined");
  deepEqual(
    quarantined.map((q) => [q.quarantined_total, q.fields, q.reasons]),
    [[1, ["failure.error_code"], ["unsanitized"]], [2, ["request.text"], ["unsanitized"]]],
  );
  ok(!log.includes(GITHUB_TOKEN) && !log.includes(EMAIL), "the log holds no value");
});
