/**
 * Sends notice e-mails over SMTP with nodemailer. `name` (the EHLO host) is
 * always set, so nodemailer never calls `os.hostname()` and the service needs
 * no `--allow-sys`. The caller deletes the contact once `send` resolves.
 *
 * @module
 */
import nodemailer from "nodemailer";
import { type NoticeEmailView, renderNoticeEmail } from "./notice_email.ts";

/** SMTP settings (from the service's environment). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when offered. */
  secure?: boolean;
  user?: string;
  password?: string;
  /** `From:` address, e.g. `caro healing <healing@caro.example>`. */
  from: string;
  /** Host name announced in EHLO. */
  name: string;
  /** Plain SMTP without STARTTLS (local test servers only). */
  ignoreTLS?: boolean;
}

/** Sends one notice to one address. */
export interface EmailSender {
  send(to: string, view: NoticeEmailView): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Builds a sender.
 *
 * @example
 * ```ts ignore
 * const sender = createSmtpSender({ host: "127.0.0.1", port: 2525, from: "caro <h@caro.example>", name: "caro.example" });
 * await sender.send("user@example.com", view);
 * sender.close();
 * ```
 */
export function createSmtpSender(settings: SmtpSettings): EmailSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    name: settings.name,
    ignoreTLS: settings.ignoreTLS ?? false,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(to, view) {
      const mail = await renderNoticeEmail(view);
      const info = await transport.sendMail({
        from: settings.from,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
