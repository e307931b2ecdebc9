/**
 * The service's least-privilege permission flags, from its configuration:
 * environment only by name (its own `CARO_*` variables and those the
 * PostgreSQL client reads), read and write only on the SQLite database's
 * directory (plus read of the SQLite checkpoint worker's module and a GitHub App key file), network only to where it
 * listens and to the PostgreSQL, GitHub and SMTP hosts it is configured for.
 * Permissions are fixed when a Deno process starts, so a launcher
 * (`tools/service_process.ts`) computes them and spawns `main.ts`.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EnvReader } from "../platform/env.ts";
import { DEFAULT_LIMITS } from "./service_limits.ts";
import { urlHost } from "./url_host.ts";

/** `CARO_LIMIT_<NAME>` for each limit (see `service_limits.ts`). */
const LIMIT_VARIABLES = Object.keys(DEFAULT_LIMITS).map((name) =>
  `CARO_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
);

/** The SQLite checkpoint worker's module (a worker's module is read at run time). */
const CHECKPOINT_WORKER = fileURLToPath(
  new URL("./store/sqlite/checkpoint_worker.ts", import.meta.url),
);

/**
 * postgres.js reads `PG<OPTION>` for each option the caller leaves unset
 * (postgres@3.4.9 `src/index.js`, `parseOptions`).
 */
const POSTGRES_OPTION_VARIABLES = [
  "ssl",
  "sslnegotiation",
  "idle_timeout",
  "max_lifetime",
  "max_pipeline",
  "backoff",
  "keep_alive",
  "prepare",
  "debug",
  "fetch_types",
  "publications",
  "target_session_attrs",
].map((option) => `PG${option.toUpperCase()}`);

/** Every environment variable the service (and the PostgreSQL client it uses) reads. */
export const SERVICE_ENV: readonly string[] = [
  "CARO_GITHUB_WEBHOOK_SECRET",
  "CARO_WEBHOOK_SECRET",
  "CARO_SOURCE_HASH_KEY",
  "CARO_PUBLIC_K",
  "CARO_GITHUB_REPO",
  "CARO_GITHUB_TOKEN",
  "CARO_GITHUB_APP_ID",
  "CARO_GITHUB_APP_PRIVATE_KEY",
  "CARO_GITHUB_APP_PRIVATE_KEY_FILE",
  "CARO_GITHUB_INSTALLATION_ID",
  "CARO_GITHUB_API_URL",
  "CARO_GITHUB_BASE_BRANCH",
  "CARO_GITHUB_WRITES_PER_MINUTE",
  "CARO_SMTP_HOST",
  "CARO_SMTP_PORT",
  "CARO_SMTP_SECURE",
  "CARO_SMTP_USER",
  "CARO_SMTP_PASSWORD",
  "CARO_SMTP_FROM",
  "CARO_SMTP_NAME",
  ...LIMIT_VARIABLES,
  // postgres.js fills connection defaults from these (and the OS user name).
  "PGHOST",
  "PGPORT",
  "PGDATABASE",
  "PGUSER",
  "PGUSERNAME",
  "PGPASSWORD",
  "PGAPPNAME",
  "PGTARGETSESSIONATTRS",
  ...POSTGRES_OPTION_VARIABLES,
  "USER",
  "USERNAME",
  "LOGNAME",
];

/** What the flags depend on. */
export interface ServiceLaunch {
  /** `--db`: a SQLite file path or a `postgres://` URL. */
  db: string;
  /** `--host` (default 127.0.0.1; an IPv6 literal such as `::1` or `::` is granted in brackets). */
  host?: string;
  /** Where relative paths start (default: the current directory). */
  cwd?: string;
  env: EnvReader;
}

/**
 * The `deno run` permission flags for one configuration.
 *
 * @example SQLite, no integrations
 * ```ts
 * import assert from "node:assert/strict";
 * import { envFrom } from "../platform/env.ts";
 * import { servicePermissionFlags } from "./service_permissions.ts";
 * const flags = servicePermissionFlags({ db: "/var/lib/caro/healing.db", env: envFrom({}) });
 * assert.equal(flags[0].startsWith("--allow-env=CARO_GITHUB_WEBHOOK_SECRET,"), true);
 * assert.match(flags[1], /^--allow-read=\/var\/lib\/caro,\S+checkpoint_worker\.ts$/);
 * assert.deepEqual(flags.slice(2), [
 *   "--allow-write=/var/lib/caro",
 *   "--allow-net=127.0.0.1",
 * ]);
 * ```
 *
 * @example An IPv6 listen host is granted in brackets, as Deno requires
 * ```ts
 * import assert from "node:assert/strict";
 * import { envFrom } from "../platform/env.ts";
 * import { servicePermissionFlags } from "./service_permissions.ts";
 * const flags = servicePermissionFlags({ db: "/srv/h.db", host: "::1", env: envFrom({}) });
 * assert.equal(flags.at(-1), "--allow-net=[::1]");
 * ```
 */
export function servicePermissionFlags(launch: ServiceLaunch): string[] {
  const { env } = launch;
  const reads: string[] = [];
  const writes: string[] = [];
  const hosts = [urlHost(launch.host ?? "127.0.0.1")];
  if (/^postgres(?:ql)?:\/\//i.test(launch.db)) {
    const url = new URL(launch.db);
    hosts.push(
      `${urlHost(url.hostname || env("PGHOST") || "localhost")}:${
        url.port || env("PGPORT") || 5432
      }`,
    );
  } else {
    const dir = dirname(resolve(launch.cwd ?? Deno.cwd(), launch.db));
    reads.push(dir, CHECKPOINT_WORKER);
    writes.push(dir);
  }
  const keyFile = env("CARO_GITHUB_APP_PRIVATE_KEY_FILE");
  if (keyFile) reads.push(resolve(launch.cwd ?? Deno.cwd(), keyFile));
  if (env("CARO_GITHUB_REPO")) {
    hosts.push(new URL(env("CARO_GITHUB_API_URL") ?? "https://api.github.com").host);
  }
  const smtpHost = env("CARO_SMTP_HOST");
  if (smtpHost) hosts.push(`${urlHost(smtpHost)}:${env("CARO_SMTP_PORT") || 587}`);
  return [
    `--allow-env=${SERVICE_ENV.join(",")}`,
    ...(reads.length ? [`--allow-read=${reads.join(",")}`] : []),
    ...(writes.length ? [`--allow-write=${writes.join(",")}`] : []),
    `--allow-net=${[...new Set(hosts)].join(",")}`,
  ];
}
