/**
 * `caro sanitize [FILE]` and `caro sanitize --jsonl`.
 *
 * Plain mode prints the redacted text of FILE (or stdin) on stdout, byte for
 * byte apart from the redactions, and the redaction summary on stderr; with
 * the global `--json`, one object `{"output", "redacted": {category: count}}`.
 *
 * JSONL mode reads lines `{"id": …, "text": …}` and writes one line
 * `{"id": …, "output": …}` per input line, in the same order, echoing the id
 * as given (string or number). Blank lines are skipped. A malformed line
 * (not JSON, not an object, no `id`, `text` not a string) is skipped; every
 * other line is still sanitized and written, and the command then fails
 * (exit 1) with one error naming the malformed lines and why:
 * `error: 2 malformed lines skipped (line 2: not valid JSON; line 5: missing "id"); the others were sanitized`
 * on stderr, or with `--json` that message as `{"error":{…}}`, the last line
 * on stdout.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { counted } from "../../platform/plural.ts";
import { CaroError } from "../../errors.ts";
import { readNamedFile } from "../named_files.ts";
import type { RedactionSummary } from "../../sanitizer/mod.ts";

/**
 * `caro sanitize [FILE] [--jsonl]`: print FILE or stdin with everything personal or secret redacted.
 *
 * @example Its help names the JSONL mode
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["sanitize"]), /--jsonl/);
 * ```
 */
export function sanitizeCommand({ bind, command }: CommandKit): Command {
  return command("sanitize")
    .description("print FILE or stdin with everything personal or secret redacted")
    .argument("[file]", "file to sanitize; - or none: stdin")
    .option(
      "--jsonl",
      'read lines {"id": …, "text": …} and write lines {"id": …, "output": …} in the same order',
      false,
    )
    .addHelpText(
      "after",
      examplesHelp([
        ["caro sanitize notes.txt", "print notes.txt with secrets and personal data redacted"],
        ["journalctl -n 50 | caro sanitize", "redact stdin (or name it: caro sanitize -)"],
        ["caro sanitize < notes.txt", "the same for a file caro may not open itself"],
        [`echo '{"id":1,"text":"mail ada@example.org"}' | caro sanitize --jsonl`],
      ]),
    )
    .action(bind(runSanitize));
}

/** Options of `caro sanitize`. */
export interface SanitizeOptions {
  jsonl?: boolean;
}

/**
 * Runs `caro sanitize`; returns the exit code.
 *
 * @example Redacting stdin
 * ```ts
 * import assert from "node:assert/strict";
 * import { runSanitize } from "./sanitize.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ stdin: "mail ada@example.org\n" });
 * assert.equal(await runSanitize({}, run.ctx, []), 0);
 * assert.equal(run.stdout(), "mail <EMAIL>\n");
 * ```
 */
export async function runSanitize(
  options: SanitizeOptions,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  const [input, sanitizer] = await Promise.all([
    readInput(args[0], ctx),
    import("../../sanitizer/mod.ts"),
  ]);
  const { sanitizeText, formatSummary } = sanitizer;
  if (!options.jsonl) {
    const { text, summary } = sanitizeText(input);
    if (ctx.global.json) {
      // One object: the redacted text and the count per category.
      ctx.stdout.write(`${JSON.stringify({ output: text, redacted: summary })}\n`);
      return 0;
    }
    ctx.stdout.write(text);
    ctx.stderr.write(`${formatSummary(summary)}\n`);
    return 0;
  }
  return sanitizeJsonLines(input, ctx, sanitizer);
}

function sanitizeJsonLines(
  input: string,
  ctx: CliContext,
  { sanitizeText, formatSummary, mergeSummaries }: typeof import("../../sanitizer/mod.ts"),
): number {
  const summaries: RedactionSummary[] = [];
  const malformed: string[] = [];
  const lines = input.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const out: string[] = [];
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") return;
    const parsed = parseRecord(line);
    if (typeof parsed === "string") {
      malformed.push(`line ${index + 1}: ${parsed}`);
      return;
    }
    const { text, summary } = sanitizeText(parsed.text);
    summaries.push(summary);
    out.push(`{"id":${rawId(line, parsed.id)},"output":${JSON.stringify(text)}}\n`);
    if (out.length >= 256) ctx.stdout.write(out.splice(0).join(""));
  });
  ctx.stdout.write(out.join(""));
  ctx.stderr.write(`${formatSummary(mergeSummaries(summaries))}\n`);
  if (malformed.length > 0) throw new CaroError(describeMalformed(malformed));
  return 0;
}

/** How many malformed lines the error names one by one; the rest are counted. */
const NAMED_MALFORMED_LINES = 5;

/** The one-line error for the malformed lines (`line N: why` each, in input order). */
function describeMalformed(malformed: string[]): string {
  const named = malformed.slice(0, NAMED_MALFORMED_LINES);
  const more = malformed.length - named.length;
  const list = more > 0 ? [...named, `and ${more} more`] : named;
  return `${counted(malformed.length, "malformed line")} skipped (${
    list.join("; ")
  }); the others were sanitized`;
}

/**
 * The id as written on the line: a number is echoed digit for digit (`1.0`,
 * ids beyond 2^53), a string re-encoded.
 */
function rawId(line: string, id: string | number): string {
  if (typeof id === "string") return JSON.stringify(id);
  const raw = /"id"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(line)?.[1];
  return raw !== undefined && Number(raw) === id ? raw : JSON.stringify(id);
}

/** The record on one line, or why it is not one. */
function parseRecord(line: string): { id: string | number; text: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "not valid JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return 'expected an object {"id": …, "text": …}';
  }
  const record = value as Record<string, unknown>;
  if (!("id" in record)) return 'missing "id"';
  if (typeof record.id !== "string" && typeof record.id !== "number") {
    return '"id" must be a string or a number';
  }
  if (typeof record.text !== "string") return '"text" must be a string';
  return { id: record.id, text: record.text };
}

async function readInput(file: string | undefined, ctx: CliContext): Promise<string> {
  if (file !== undefined && file !== "-") {
    return await readNamedFile(file, (quoted) => `caro sanitize < ${quoted}`);
  }
  try {
    return await ctx.stdin.readAll();
  } catch (error) {
    throw new CaroError(`Cannot read stdin: ${(error as Error).message}`, { cause: error });
  }
}
