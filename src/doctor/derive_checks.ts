/**
 * The doctor's verdicts: from the assembled (already scrubbed) sections to
 * a list of checks, each ok / warn / fail / skipped with one fix hint per
 * problem. Pure: the same sections always give the same checks.
 *
 * @module
 */
import type { DoctorSections } from "./assemble_output.ts";
import type { DoctorCheck, DoctorSection } from "./doctor_output_schema.ts";
import { counted } from "../platform/plural.ts";

const SUPPORTED_SHELLS = "bash, zsh, fish, PowerShell or cmd";
const OLLAMA_START = "start Ollama with `ollama serve` (install it from https://ollama.com)";
const SUGGESTED_MODEL = "qwen2.5-coder:7b";

/**
 * Derives the checks from the output sections, in section order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deriveChecks } from "./derive_checks.ts";
 * import { assembleSections } from "./assemble_output.ts";
 * import { collectFacts } from "./collector/collect.ts";
 * import { processProbeDeps } from "./collector/probe_deps.ts";
 * const checks = deriveChecks(assembleSections(await collectFacts(processProbeDeps())));
 * assert(checks.some((check) => check.id === "caro.version"));
 * ```
 */
export function deriveChecks(s: DoctorSections): DoctorCheck[] {
  const why = (item: string) => s.not_collected.find((m) => m.item === item)?.why;
  return [
    platformCheck(s, why),
    shellCheck(s, why),
    caroCheck(s),
    ...backendChecks(s, why),
    ...configChecks(s, why),
    ...contextChecks(s, why),
  ];
}

type Why = (item: string) => string | undefined;

function check(
  section: DoctorSection,
  name: string,
  status: DoctorCheck["status"],
  message: string,
  hint: string | null = null,
): DoctorCheck {
  return { id: `${section}.${name}`, section, status, message, hint };
}

function notCollected(section: DoctorSection, name: string, what: string, reason: string) {
  return check(section, name, "skipped", `${what} not collected: ${reason}`, grantHint(reason));
}

/** A permission reason gets a "grant" hint; other reasons need none. */
function grantHint(reason: string): string | null {
  const grant = /permission not granted \((\w+) access(?: to ([^)]+))?\)/.exec(reason);
  if (!grant) return null;
  const [, kind, target] = grant;
  return `run caro with --allow-${kind}${
    target ? `=${target}` : ""
  } (the caro task and binaries have it)`;
}

function platformCheck(s: DoctorSections, why: Why): DoctorCheck {
  const p = s.platform;
  const parts = [
    [p.name, p.version].filter(Boolean).join(" ") || p.os,
    p.kernel ? `kernel ${p.kernel}` : undefined,
    p.arch,
    p.libc ?? undefined,
  ].filter(Boolean);
  const reason = why("platform.version");
  if (reason && p.kernel === null) {
    return notCollected("platform", "os", `${p.os} ${p.arch}: release`, reason);
  }
  return check("platform", "os", "ok", parts.join(" · "));
}

function shellCheck(s: DoctorSections, why: Why): DoctorCheck {
  const reason = why("shell");
  if (reason) return notCollected("shell", "detected", "shell", reason);
  const { name, version, path } = s.shell;
  if (name === "other") {
    return check(
      "shell",
      "detected",
      "warn",
      `shell ${path ?? "(unnamed)"} is not one CARO writes commands for`,
      `run caro from ${SUPPORTED_SHELLS}`,
    );
  }
  const versionText = version ??
    (why("shell.version") ? `(version not collected: ${why("shell.version")})` : "");
  return check(
    "shell",
    "detected",
    "ok",
    [name, versionText, path ? `at ${path}` : ""].filter(Boolean).join(" "),
  );
}

function caroCheck(s: DoctorSections): DoctorCheck {
  const c = s.caro;
  const how = c.install === "deno_run" ? "deno run" : c.install ?? "install kind unknown";
  return check("caro", "version", "ok", `caro ${c.version} (${c.target}, ${how})`);
}

function configChecks(s: DoctorSections, why: Why): DoctorCheck[] {
  const reason = why("config");
  if (reason) return [notCollected("config", "file", "config file", reason)];
  const c = s.config;
  const checks: DoctorCheck[] = [];
  if (!c.found) {
    checks.push(check("config", "file", "ok", "no config file: CARO's defaults apply"));
  } else if (!c.valid) {
    checks.push(check(
      "config",
      "file",
      "fail",
      `${c.file} has ${counted(c.problems.length, "problem")}: ${c.problems.join("; ")}`,
      `edit ${c.file}: correct each value named above, or delete the key to use its default`,
    ));
  } else if (c.source === "legacy") {
    checks.push(check(
      "config",
      "file",
      "warn",
      `config read from the old cmdai location ${c.file}`,
      "move config.toml into caro's config dir (~/.config/caro on Linux and macOS)",
    ));
  } else {
    checks.push(check("config", "file", "ok", `${c.file} is valid`));
  }
  const set = c.keys.includes("safety.level");
  if (c.safety_level === "permissive") {
    checks.push(check(
      "config",
      "safety",
      "warn",
      "safety level permissive: risky commands are not blocked",
      'set level = "moderate" (or "strict") under [safety] in config.toml',
    ));
  } else {
    checks.push(
      check("config", "safety", "ok", `safety level ${c.safety_level}${set ? "" : " (default)"}`),
    );
  }
  return checks;
}

function backendChecks(s: DoctorSections, why: Why): DoctorCheck[] {
  const b = s.backend;
  const checks: DoctorCheck[] = [selectedBackend(s, why)];
  const ollamaWhy = why("backend.ollama");
  if (b.ollama.reachable) {
    const models = b.ollama.models.length;
    checks.push(check(
      "backend",
      "ollama",
      models > 0 || b.type !== "ollama" ? "ok" : "warn",
      `Ollama reachable (${b.ollama.endpoint}${
        b.ollama.version ? `, v${b.ollama.version}` : ""
      }), ${counted(models, "model")}`,
      models > 0 || b.type !== "ollama" ? null : `pull a model: ollama pull ${SUGGESTED_MODEL}`,
    ));
  } else if (b.ollama.reachable === null && ollamaWhy) {
    checks.push(notCollected("backend", "ollama", "Ollama", ollamaWhy));
  } else {
    const installed = b.ollama.installed ? "installed but " : "";
    checks.push(
      check("backend", "ollama", "skipped", `Ollama ${installed}${ollamaWhy ?? "not reachable"}`),
    );
  }
  const o = b.openai_compatible;
  checks.push(
    o.reachable
      ? check(
        "backend",
        "openai_compatible",
        "ok",
        `OpenAI-compatible server reachable (${o.endpoint}), ${counted(o.models.length, "model")}`,
      )
      : check(
        "backend",
        "openai_compatible",
        "skipped",
        `vLLM / OpenAI-compatible server: ${why("backend.openai_compatible") ?? "not reachable"}`,
      ),
  );
  checks.push(check(
    "backend",
    "mlx",
    b.mlx.possible ? "ok" : "skipped",
    b.mlx.possible ? "MLX possible (Apple Silicon)" : "MLX needs Apple Silicon",
  ));
  const embeddedWhy = why("backend.embedded");
  checks.push(
    b.embedded.present
      ? check(
        "backend",
        "embedded",
        "ok",
        `embedded model present: ${b.embedded.models.join(", ")}`,
      )
      : check(
        "backend",
        "embedded",
        "skipped",
        embeddedWhy
          ? `embedded model not collected: ${embeddedWhy}`
          : "no embedded model in the cache dir",
      ),
  );
  return checks;
}

function missingOllamaModel(b: DoctorSections["backend"]): boolean {
  return b.type === "ollama" && b.model !== null && b.ollama.reachable === true &&
    !b.ollama.models.some((name) => name === b.model || name === `${b.model}:latest`);
}

function selectedBackend(s: DoctorSections, why: Why): DoctorCheck {
  const b = s.backend;
  const model = b.model ? `, model ${b.model}` : "";
  if (b.source === "none") {
    return check(
      "backend",
      "selected",
      "fail",
      "no LLM backend found",
      `${OLLAMA_START}, or set [backend] in config.toml`,
    );
  }
  if (b.source === "detected") {
    return check("backend", "selected", "ok", `${b.type} found (not configured)${model}`);
  }
  if (b.reachable && missingOllamaModel(b)) {
    // Reachable but not usable: one line says so (never "usable" above "model missing").
    return check(
      "backend",
      "selected",
      "warn",
      `${b.type} configured and reachable, but model ${b.model} is not in Ollama`,
      `ollama pull ${b.model}`,
    );
  }
  if (b.reachable) {
    return check("backend", "selected", "ok", `${b.type} configured and usable${model}`);
  }
  const item = b.type === "ollama"
    ? "backend.ollama"
    : b.type === "embedded"
    ? "backend.embedded"
    : "backend.openai_compatible";
  const reason = why(item);
  if (b.reachable === null && reason) {
    return notCollected("backend", "selected", `configured backend ${b.type}`, reason);
  }
  const hints: Record<string, string> = {
    ollama: OLLAMA_START,
    vllm: "start the server (vllm serve MODEL) or fix [backend] endpoint in config.toml",
    openai_compatible: "start the server or fix [backend] endpoint in config.toml",
    mlx: 'MLX runs only on Apple Silicon Macs: set [backend] type = "ollama" here',
    embedded: "run caro once online so it downloads its embedded model",
    unknown: "set [backend] type to embedded, ollama, vllm, mlx or openai_compatible",
  };
  return check(
    "backend",
    "selected",
    "fail",
    `configured backend ${b.type} is not usable${reason ? `: ${reason}` : ""}`,
    hints[b.type] ?? hints.unknown,
  );
}

function contextChecks(s: DoctorSections, why: Why): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const proxyWhy = why("context.proxy");
  const proxy = s.context.proxy;
  if (proxyWhy) checks.push(notCollected("context", "proxy", "proxy settings", proxyWhy));
  else if (!proxy.in_use) checks.push(check("context", "proxy", "ok", "no proxy"));
  else if (proxy.bypasses_loopback) {
    checks.push(
      check("context", "proxy", "ok", `proxy in use (${proxy.scheme}), local backends bypass it`),
    );
  } else {
    checks.push(check(
      "context",
      "proxy",
      "warn",
      `proxy in use (${proxy.scheme}) and NO_PROXY does not exempt localhost: local backends are asked through the proxy`,
      "add localhost,127.0.0.1 to NO_PROXY",
    ));
  }
  const cwdWhy = why("context.cwd_hash");
  checks.push(
    cwdWhy
      ? notCollected("context", "cwd", "working directory hash", cwdWhy)
      : check("context", "cwd", "ok", `working directory hash ${s.context.cwd_hash}`),
  );
  return checks;
}
