/**
 * The doctor's result for a person: one section per area, one line per
 * check with ✓ ! ✗ or - and, under each problem, its one fix hint. Colour
 * is the caller's decision (only on a terminal, never with NO_COLOR).
 *
 * @module
 */
import type { CheckStatus, DoctorOutput, DoctorSection } from "../doctor_output_schema.ts";
import { summaryLine } from "./summary_line.ts";
import { counted } from "../../platform/plural.ts";

/** How to render. */
export interface HumanOptions {
  /** ANSI colours (only on a terminal without NO_COLOR). */
  colour: boolean;
  /** `-v`: check ids, model lists, what was not collected and why. */
  verbose: boolean;
}

const SECTION_TITLES: Record<DoctorSection, string> = {
  platform: "Platform",
  shell: "Shell",
  caro: "caro",
  backend: "LLM backend",
  config: "Config",
  context: "Context",
};

const MARKS: Record<CheckStatus, { mark: string; colour: string }> = {
  ok: { mark: "✓", colour: "\x1b[32m" },
  warn: { mark: "!", colour: "\x1b[33m" },
  fail: { mark: "✗", colour: "\x1b[31m" },
  skipped: { mark: "-", colour: "\x1b[2m" },
};
const RESET = "\x1b[0m";
const BOLD = "\x1b[1m";

/**
 * Renders the result as text for a terminal or a plain pipe.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderHuman } from "./render_human.ts";
 * import { runDiagnostics } from "../run_diagnostics.ts";
 * const text = renderHuman(await runDiagnostics(), { colour: false, verbose: false });
 * assert(text.includes("Platform\n  ✓ "));
 * ```
 */
export function renderHuman(result: DoctorOutput, options: HumanOptions): string {
  const paint = (code: string, text: string) => options.colour ? `${code}${text}${RESET}` : text;
  const lines: string[] = [];
  for (const section of Object.keys(SECTION_TITLES) as DoctorSection[]) {
    const checks = result.checks.filter((check) => check.section === section);
    if (checks.length === 0) continue;
    lines.push(paint(BOLD, SECTION_TITLES[section]));
    for (const check of checks) {
      const { mark, colour } = MARKS[check.status];
      const id = options.verbose ? paint(MARKS.skipped.colour, ` [${check.id}]`) : "";
      lines.push(`  ${paint(colour, mark)} ${check.message}${id}`);
      if (check.hint && (check.status === "warn" || check.status === "fail")) {
        lines.push(`    → ${check.hint}`);
      } else if (check.hint && options.verbose) {
        lines.push(`    ${paint(MARKS.skipped.colour, `→ ${check.hint}`)}`);
      }
    }
    if (options.verbose) lines.push(...verboseDetails(result, section));
    lines.push("");
  }
  lines.push(summaryLine(result.summary));
  return `${lines.join("\n")}\n`;
}

/** What the backend probes asked and what they found (endpoints only as loopback/remote). */
function probedBackends(b: DoctorOutput["backend"]): string[] {
  const found = (reachable: boolean | null, models: readonly string[]) =>
    reachable
      ? `reachable, ${counted(models.length, "model")}${
        models.length ? `: ${models.join(", ")}` : ""
      }`
      : reachable === null
      ? "not probed"
      : "not reachable";
  const binary = b.ollama.installed === null
    ? "binary not checked"
    : b.ollama.installed
    ? `binary installed${b.ollama.version ? `, version ${b.ollama.version}` : ""}`
    : "binary not installed";
  return [
    `    selected: ${b.type} (${b.source === "none" ? "none found" : b.source})` +
    `${b.model ? `, model ${b.model}` : ""}`,
    `    probed Ollama API at the ${b.ollama.endpoint} endpoint (GET /api/tags): ` +
    `${found(b.ollama.reachable, b.ollama.models)}; ${binary}`,
    `    probed OpenAI-compatible API at the ${b.openai_compatible.endpoint} endpoint ` +
    `(GET /v1/models): ${found(b.openai_compatible.reachable, b.openai_compatible.models)}`,
    `    looked for embedded models in the cache dir: ` +
    `${b.embedded.present ? b.embedded.models.join(", ") : "none"}`,
  ];
}

function verboseDetails(result: DoctorOutput, section: DoctorSection): string[] {
  const out: string[] = [];
  const list = (label: string, items: readonly string[]) => {
    if (items.length > 0) out.push(`    ${label}: ${items.join(", ")}`);
  };
  if (section === "backend") out.push(...probedBackends(result.backend));
  if (section === "shell") {
    const { name, version, path } = result.shell;
    out.push(
      `    found: ${name ?? "no shell"} ${version ?? "(version unknown)"} at ${path ?? "?"}`,
    );
  }
  if (section === "config") list("keys set", result.config.keys);
  for (const missing of result.not_collected) {
    if (missing.item.split(".")[0] === section) {
      out.push(`    not collected: ${missing.item}: ${missing.why}`);
    }
  }
  return out;
}
