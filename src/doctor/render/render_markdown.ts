/**
 * The doctor's result as GitHub-flavoured markdown, for pasting into an
 * issue: a table of checks with their fix hints and a collapsed details
 * block. Everything in it is already scrubbed; angle-bracket placeholders
 * such as `<USER>` are escaped so GitHub shows them.
 *
 * @module
 */
import type { CheckStatus, DoctorOutput } from "../doctor_output_schema.ts";
import { summaryLine } from "./summary_line.ts";

const MARKS: Record<CheckStatus, string> = { ok: "✓", warn: "!", fail: "✗", skipped: "-" };

function cell(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * Renders the result as markdown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderMarkdown } from "./render_markdown.ts";
 * import { runDiagnostics } from "../run_diagnostics.ts";
 * const text = renderMarkdown(await runDiagnostics());
 * assert(text.startsWith("### caro doctor"));
 * ```
 */
export function renderMarkdown(result: DoctorOutput): string {
  const p = result.platform;
  const lines = [
    "### caro doctor",
    "",
    `caro ${cell(result.caro.version)} · ${cell(result.caro.target)} · ` +
    `${cell([p.name ?? p.os, p.version].filter(Boolean).join(" "))} · ${cell(p.arch)} · ` +
    `${cell(result.shell.name)} ${cell(result.shell.version ?? "")}`.trimEnd(),
    "",
    `**${summaryLine(result.summary)}**`,
    "",
    "| | Check | Result | Fix |",
    "| --- | --- | --- | --- |",
    ...result.checks.map((check) =>
      `| ${MARKS[check.status]} | \`${check.id}\` | ${cell(check.message)} | ${
        check.hint && check.status !== "ok" ? cell(check.hint) : ""
      } |`
    ),
    "",
  ];
  if (result.not_collected.length > 0) {
    lines.push("<details><summary>Not collected</summary>", "");
    for (const { item, why } of result.not_collected) lines.push(`- \`${item}\`: ${cell(why)}`);
    lines.push("", "</details>", "");
  }
  lines.push(`<sub>caro doctor schema ${result.schema_version}</sub>`);
  return `${lines.join("\n")}\n`;
}
