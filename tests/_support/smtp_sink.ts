/**
 * A real SMTP server (npm `smtp-server`) on 127.0.0.1:0 that keeps every
 * message it receives, for tests.
 *
 * @module
 */
import { SMTPServer } from "smtp-server";

/** One received message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A running sink. */
export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts the sink.
 *
 * @example
 * ```ts ignore
 * const smtp = await startSmtpSink();
 * try { console.log(smtp.port); } finally { await smtp.close(); }
 * ```
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    name: "smtp.test.local",
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => raw += chunk);
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
