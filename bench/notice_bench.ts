/**
 * Start-up cost of the healing client, each beside a baseline in the same run:
 *
 * - the notice check alone (what every command's start does: read the one
 *   notices file, drop expired, find what is pending) with 50 stored
 *   notices, all already shown; baseline: reading the same file's bytes.
 *   Target ≤ 2 ms. For information, the whole start-up hook as well
 *   (settings, config file, notice check, background work started and
 *   finished: nothing due, asked today).
 * - `caro --version` as a whole process (the bundle from `deno task bundle`
 *   when present, else main.ts) vs a Deno hello-world spawned the same way.
 *   Target ≤ 1.3×.
 *
 * Run: `deno bench -A bench/notice_bench.ts`; read the ratios.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { noticesPath, updateNoticeFile } from "../src/healing/notification/notice_store.ts";
import { showPendingNotices } from "../src/healing/notification/show_pending_notices.ts";
import { bundleRunFlags, currentOs, exactPermissionFlags } from "../src/cli/permissions.ts";
import { startUp } from "../src/cli/start_up.ts";
import { envFrom } from "../src/platform/env.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const dataDir = await Deno.makeTempDir();
const now = Date.now();
await updateNoticeFile(dataDir, now, (file) => ({
  ...file,
  lastCheckedAt: now,
  notices: Array.from({ length: 50 }, (_, i) => ({
    id: String(1000 + i),
    caseId: `CARO-2026-${String(i + 1).padStart(4, "0")}`,
    status: "resolved",
    fixedIn: "1.4.2",
    message: `CARO-2026-${
      String(i + 1).padStart(4, "0")
    } is fixed in 1.4.2: upgrade caro to get the fix`,
    createdAt: now - i * 3_600_000,
    shownAt: now,
  })),
}));
const terminal = { isTerminal: true, write() {} };
const caroHome = dataDir.replace(/\/?$/, "");
await Deno.mkdir(`${caroHome}/data`, { recursive: true });
await Deno.copyFile(noticesPath(dataDir), `${caroHome}/data/notices.json`);
const ctx = {
  env: envFrom({ CARO_HOME: caroHome }),
  stdout: terminal,
  stderr: terminal,
  stdin: { isTerminal: true, readAll: () => Promise.resolve("") },
  now: () => now,
  global: { json: false, healing: true, verbose: false },
};

Deno.bench(
  "read the notices file (baseline)",
  { group: "notice check", baseline: true },
  async () => {
    await Deno.readFile(noticesPath(dataDir));
  },
);

Deno.bench("start-up notice check, 50 stored notices", { group: "notice check" }, async () => {
  await showPendingNotices({ dataDir, stderr: terminal, json: false, now });
});

Deno.bench("whole start-up hook (caro cases)", { group: "notice check" }, async () => {
  await (await startUp(["cases"], ctx)).finish();
});

const hello = join(dataDir, "hello.js");
await Deno.writeTextFile(hello, 'console.log("hello");\n');
const bundle = join(ROOT, "dist", "caro", "main.js");
const entry = await Deno.stat(bundle).then(() => bundle, () => join(ROOT, "main.ts"));
const home = await Deno.makeTempDir();
const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "" };
const envOf = (name: string) => (env as Record<string, string>)[name];
const flags = [
  "--quiet",
  "--no-prompt",
  ...(entry === bundle
    ? bundleRunFlags(envOf, currentOs(), dirname(bundle))
    : exactPermissionFlags(envOf, currentOs())),
];

async function spawn(args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    env,
    clearEnv: true,
    stdout: "null",
    stderr: "null",
  }).output();
  if (!out.success) throw new Error(`deno ${args.join(" ")} exited ${out.code}`);
}

Deno.bench("deno run hello.js (baseline)", { group: "process", baseline: true }, async () => {
  await spawn(["run", hello]);
});

Deno.bench(
  `caro --version (${entry === bundle ? "bundle" : "main.ts"})`,
  { group: "process" },
  async () => {
    await spawn(["run", ...flags, entry, "--version"]);
  },
);
