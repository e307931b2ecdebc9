/**
 * No proxy URL, user name, password, home path or host name reaches any
 * output of the doctor (human, -v, --json, --markdown; stdout and stderr),
 * with such values planted in the environment and in config.toml.
 */
import { doesNotMatch, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../_support/run_caro.ts";
import { denoDirEnv } from "../../tools/fake_backends.ts";

const USER = "zyxwuser";
const PASSWORD = "hunter2pass";
const HOSTS = [
  "proxy.zyxw-corp.example",
  "gpu-box.zyxw-corp.example",
  "build-box.zyxw-corp.example",
];

const denoDir = await denoDirEnv();

async function plantedHome(): Promise<{ root: string; home: string }> {
  const root = await Deno.makeTempDir({ prefix: "caro-privacy-" });
  const home = join(root, "home", USER);
  await Deno.mkdir(join(home, ".config", "caro"), { recursive: true });
  return { root, home };
}

function plantedEnv(home: string): Record<string, string> {
  return {
    ...denoDir,
    HOME: home,
    USER,
    LOGNAME: USER,
    HOSTNAME: HOSTS[2],
    SHELL: join(home, ".local", "bin", "zsh"),
    HTTPS_PROXY: `http://${USER}:${PASSWORD}@${HOSTS[0]}:3128`,
    HTTP_PROXY: `http://${USER}:${PASSWORD}@${HOSTS[0]}:3128`,
    ALL_PROXY: `socks5://${USER}:${PASSWORD}@${HOSTS[0]}:1080`,
    NO_PROXY: "localhost,127.0.0.1",
    OLLAMA_HOST: `http://${USER}:${PASSWORD}@${HOSTS[1]}:11434`,
  };
}

const CONFIGS = {
  valid: [
    "[backend]",
    'type = "vllm"',
    'model = "qwen2.5-coder:7b"',
    `endpoint = "http://${USER}:${PASSWORD}@${HOSTS[1]}:8000"`,
    "",
    "[healing]",
    `endpoint = "https://${USER}:${PASSWORD}@${HOSTS[2]}/v1"`,
    `contact = "${USER}@${HOSTS[2]}"`,
    "",
  ].join("\n"),
  "wrong values": [
    "[backend]",
    `endpoint = "ftp://${USER}:${PASSWORD}@${HOSTS[1]}"`,
    `type = "${HOSTS[1]}"`,
    "[safety]",
    `level = "${home_marker()}"`,
    "",
  ].join("\n"),
  "not TOML": `[backend\nendpoint = http://${USER}:${PASSWORD}@${HOSTS[1]}\n`,
};

function home_marker() {
  return `/home/${USER}/secret-project`;
}

function assertClean(text: string, home: string, label: string) {
  for (const secret of [USER, PASSWORD, ...HOSTS, "zyxw-corp", home]) {
    doesNotMatch(
      text,
      new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
      `${label}: ${secret}`,
    );
  }
}

for (const [name, config] of Object.entries(CONFIGS)) {
  Deno.test(`no personal value in any doctor output (config ${name})`, async () => {
    const { root, home } = await plantedHome();
    try {
      await Deno.writeTextFile(join(home, ".config", "caro", "config.toml"), config);
      const env = plantedEnv(home);
      for (
        const args of [["doctor"], ["doctor", "-v"], ["doctor", "--json"], ["doctor", "--markdown"]]
      ) {
        const run = await runCaro(args, { env, cwd: home });
        const label = `caro ${args.join(" ")}`;
        equal([0, 1].includes(run.code), true, `${label}: exit ${run.code}\n${run.stderr}`);
        assertClean(run.stdout, home, `${label} stdout`);
        assertClean(run.stderr, home, `${label} stderr`);
        if (args.includes("--json")) {
          const result = JSON.parse(run.stdout);
          equal(result.context.proxy.scheme, "http");
          equal(result.context.proxy.in_use, true);
          match(result.shell.path, /^~\//);
        }
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}
