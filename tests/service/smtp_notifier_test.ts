import { equal, match, ok, rejects } from "node:assert/strict";
import { startSmtpSink as startSmtp } from "../_support/smtp_sink.ts";
import { createSmtpSender } from "../../src/service/email/smtp_notifier.ts";

const view = {
  caseId: "CARO-2026-007",
  status: "resolved",
  fixedIn: "1.3.0",
  summary: 'safety blocked "<script>alert(1)</script>"',
  caseUrl: "https://caro.example/cases/CARO-2026-007",
};

Deno.test("a notice reaches a real SMTP server as plain text + HTML", async () => {
  const smtp = await startSmtp();
  const sender = createSmtpSender({
    host: "127.0.0.1",
    port: smtp.port,
    from: "caro healing <healing@caro.example>",
    name: "service.caro.example",
    ignoreTLS: true,
  });
  try {
    const { messageId } = await sender.send("reporter@example.org", view);
    ok(messageId);
    equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    equal(mail.from, "healing@caro.example");
    equal(mail.to.join(), "reporter@example.org");
    match(mail.raw, /^Subject: CARO-2026-007 is fixed in caro 1\.3\.0$/m);
    match(mail.raw, /Content-Type: multipart\/alternative/);
    match(mail.raw, /Content-Type: text\/plain/);
    match(mail.raw, /Content-Type: text\/html/);
    match(mail.raw, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    ok(!/<script>alert/.test(mail.raw.split(/Content-Type: text\/html/)[1]), "HTML part escaped");
  } finally {
    sender.close();
    await smtp.close();
  }
});

Deno.test("an unreachable SMTP server makes send reject (the caller keeps the contact)", async () => {
  const smtp = await startSmtp();
  const port = smtp.port;
  await smtp.close();
  const sender = createSmtpSender({
    host: "127.0.0.1",
    port,
    from: "healing@caro.example",
    name: "service.caro.example",
    ignoreTLS: true,
  });
  try {
    await rejects(sender.send("reporter@example.org", view), /ECONNREFUSED|connect/i);
  } finally {
    sender.close();
  }
});
