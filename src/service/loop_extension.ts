/**
 * Everything this part of the service adds to the core, in one plug-in:
 * public case pages (routes), the outbox worker for GitHub and e-mail jobs,
 * and what to do on a verified GitHub webhook. The core passes its store
 * (which must implement {@link LoopStore}), its environment and clock; GitHub
 * and e-mail are switched on by their environment variables
 * (`github_settings.ts`, `smtp_settings.ts`).
 *
 * @module
 */
import type { Hono } from "hono";
import type { EnvReader } from "../platform/env.ts";
import { type EmailNoticeJob, runEmailJob } from "./email/email_jobs.ts";
import { createSmtpSender } from "./email/smtp_notifier.ts";
import { smtpSettings } from "./email/smtp_settings.ts";
import { createGitHubClient } from "./github/client.ts";
import { type GitHubJob, runGitHubJob } from "./github/github_jobs.ts";
import { githubSettings } from "./github/github_settings.ts";
import { githubDepsFromStore } from "./github/store_github_deps.ts";
import { type WebhookMeaning, webhookMeaning } from "./github/webhook_events.ts";
import { capIssueCreation, capWrites, DEFAULT_ISSUES_PER_HOUR } from "./github/write_budget.ts";
import { type OutboxWorker, startOutboxWorker } from "./outbox/outbox_worker.ts";
import { caseRoutes } from "./pages/case_routes.ts";
import { publicKFromEnv } from "./public_k.ts";
import type { CasePort } from "./store/case_port.ts";
import type { ContactPort } from "./store/contact_port.ts";
import type { ClaimedJob, OutboxPort } from "./store/outbox_port.ts";
import type { QuotaPort } from "./store/quota_port.ts";

/** The store ports the loop needs. */
export type LoopStore = OutboxPort & CasePort & ContactPort & Pick<QuotaPort, "consumeQuota">;

/** Options for {@link createLoopExtension}. */
export interface LoopExtensionOptions {
  store: LoopStore;
  env: EnvReader;
  publicUrl: string;
  now: () => number;
  readTextFile?: (path: string) => Promise<string>;
  /** Outbox poll interval (default 5 s). */
  intervalMs?: number;
  /** New GitHub issues per rolling hour (default 20); the highest-priority cases go first. */
  issuesPerHour?: number;
  /** k-anonymity threshold (default: `CARO_PUBLIC_K` from `env`, else 5). */
  k?: number;
  /** Structured log sink (no report text is ever passed). */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** The plug-in. */
export interface LoopExtension {
  /** `GET /cases`, `/cases/{id}`, `/cases/{id}.json`. */
  routes: Hono;
  /** Call after the webhook's signature and delivery id are verified. */
  onWebhook(event: string, payload: unknown): Promise<WebhookMeaning>;
  /** Starts the outbox worker (no-op when neither GitHub nor e-mail is configured). */
  start(): void;
  /** Runs one drain now (demo, tests). */
  drainNow(): Promise<void>;
  stop(): Promise<void>;
  /** Which integrations are on. */
  enabled: { github: boolean; email: boolean };
}

/**
 * Builds the plug-in from the environment.
 *
 * @example
 * ```ts ignore
 * const loop = await createLoopExtension({ store, env: processEnv, publicUrl, now: Date.now });
 * app.route("/", loop.routes);
 * loop.start();
 * ```
 */
export async function createLoopExtension(options: LoopExtensionOptions): Promise<LoopExtension> {
  const { store, now } = options;
  const log = options.log ?? (() => {});
  const k = options.k ?? publicKFromEnv(options.env);
  const handlers: Record<string, (job: ClaimedJob) => Promise<void>> = {};

  const gh = await githubSettings(options.env, options.readTextFile ?? Deno.readTextFile);
  if (gh) {
    const github = createGitHubClient({
      auth: gh.auth,
      baseUrl: gh.baseUrl,
      warn: (message) => log("github_warning", { message: message.slice(0, 200) }),
    });
    capWrites(github, gh.writesPerMinute, now, store);
    capIssueCreation(github, options.issuesPerHour ?? DEFAULT_ISSUES_PER_HOUR, now, store);
    const deps = githubDepsFromStore(store, {
      github,
      repo: gh.repo,
      baseBranch: gh.baseBranch,
      publicUrl: options.publicUrl,
      k,
      now,
    });
    handlers["github.case"] = (job) => runGitHubJob(job.payload as GitHubJob, deps);
    handlers["github.release"] = (job) => runGitHubJob(job.payload as GitHubJob, deps);
  }
  const smtp = smtpSettings(options.env, options.publicUrl);
  const sender = smtp ? createSmtpSender(smtp) : undefined;
  if (sender) {
    handlers["email.notice"] = async (job) => {
      await runEmailJob(job.payload as EmailNoticeJob, store, sender, options.publicUrl);
    };
  }

  let worker: OutboxWorker | undefined;
  const workerOptions = {
    outbox: store,
    handlers,
    intervalMs: options.intervalMs ?? 5_000,
    now,
    onDrain: (r: { done: number; retried: number; failed: number }) => {
      if (r.done + r.retried + r.failed > 0) log("outbox_drain", { ...r });
    },
    onError: (error: unknown) => log("outbox_error", { message: String(error).slice(0, 200) }),
  };
  return {
    routes: caseRoutes(store, k),
    enabled: { github: gh !== undefined, email: sender !== undefined },
    async onWebhook(event, payload) {
      const meaning = webhookMeaning(event, payload, gh?.repo);
      if (meaning.kind === "fix_merged") {
        const ids = new Set(meaning.caseIds);
        for (const n of meaning.issueNumbers) {
          const id = await store.caseIdForIssue(n);
          if (id) ids.add(id);
        }
        for (const id of ids) await store.setFixCommit(id, meaning.sha);
      } else if (meaning.kind === "release_published") {
        await store.enqueue({
          kind: "github.release",
          payload: { kind: "github.release", tag: meaning.tag, version: meaning.version },
          dedupeKey: `github.release:${meaning.tag}`,
        }, now());
      }
      log("webhook_meaning", { kind: meaning.kind });
      return meaning;
    },
    start() {
      if (!worker && Object.keys(handlers).length > 0) worker = startOutboxWorker(workerOptions);
    },
    async drainNow() {
      if (worker) await worker.tick();
      else if (Object.keys(handlers).length > 0) {
        const once = startOutboxWorker({ ...workerOptions, intervalMs: 2 ** 30 });
        await once.tick();
        await once.stop();
      }
    },
    async stop() {
      await worker?.stop();
      worker = undefined;
      sender?.close();
    },
  };
}
