/**
 * A resolved case e-mails the reporter who asked for it, through a real SMTP
 * server, and the contact is deleted once delivered; while SMTP is down the
 * contact is kept and the job retried.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { startSmtpSink } from "../_support/smtp_sink.ts";
import { createSmtpSender } from "../../src/service/email/smtp_notifier.ts";
import { type EmailNoticeJob, runEmailJob } from "../../src/service/email/email_jobs.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { resolveCase } from "../../src/service/cases/resolve_case.ts";
import { drainOutbox } from "../../src/service/outbox/drain_outbox.ts";
import type { IncomingReport } from "../../src/service/store/report_port.ts";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const T0 = Date.UTC(2026, 10, 25, 12);

function report(install: string, contact?: string): IncomingReport {
  return {
    reportId: crypto.randomUUID(),
    installKey: install,
    signatureKey: "feedfacefeedface",
    keyVersion: "v1",
    receivedAt: T0,
    caroVersion: "1.2.0",
    body: {},
    seed: {
      title: "backend timed out on long requests",
      category: "backend_limitation",
      confidence: 75,
      reasons: ["timeout at generation"],
      failureType: "timeout",
      stage: "generation",
      platform: "linux/bash",
    },
    contact: contact ? { method: "email", value: contact } : undefined,
  };
}

Deno.test("e-mail notice: delivered through real SMTP, contact deleted after; kept while SMTP is down", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const store = await db.open();
      let smtp = await startSmtpSink();
      const deadPort = smtp.port;
      await smtp.close(); // first attempt: nobody listens
      let clock = T0;
      try {
        const asked = report("install-a", "reporter@example.org");
        await recordReport(store, asked);
        await recordReport(store, report("install-b"));
        await resolveCase(store, "CARO-2026-001", "1.3.0", clock);
        const run = (port: number) => {
          const sender = createSmtpSender({
            host: "127.0.0.1",
            port,
            from: "caro healing <healing@caro.example>",
            name: "heal.caro.example",
            ignoreTLS: true,
          });
          return drainOutbox(
            store,
            ["email.notice"],
            async (job) =>
              void await runEmailJob(
                job.payload as EmailNoticeJob,
                store,
                sender,
                "https://heal.caro.example",
              ),
            () => clock,
          ).finally(() => sender.close());
        };
        deepEqual(await run(deadPort), { done: 0, retried: 1, failed: 0 });
        deepEqual(await store.contactFor(asked.reportId), {
          method: "email",
          value: "reporter@example.org",
        });

        smtp = await startSmtpSink();
        clock += 30_000;
        deepEqual(await run(smtp.port), { done: 1, retried: 0, failed: 0 });
        equal(smtp.received.length, 1);
        deepEqual(smtp.received[0].to, ["reporter@example.org"]);
        match(smtp.received[0].raw, /^Subject: CARO-2026-001 is fixed in caro 1\.3\.0$/m);
        match(smtp.received[0].raw, /https:\/\/heal\.caro\.example\/cases\/CARO-2026-001/);
        equal(await store.contactFor(asked.reportId), undefined, "contact deleted after delivery");
        clock += 60_000;
        deepEqual(await run(smtp.port), { done: 0, retried: 0, failed: 0 }, "nothing sent twice");
        equal(smtp.received.length, 1);
      } finally {
        await smtp.close();
        await store.close();
        await db.drop();
      }
    });
  }
});
