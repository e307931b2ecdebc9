/**
 * Fuzz target `sanitizer`: `sanitizeText` against hostile input.
 *
 * - `growth` inputs: a short unit built from tokens that trip naive patterns
 *   (`a@`, `1.`, `/home/`, `ghp_`, `-----BEGIN `…) repeated to 4 KiB and to
 *   64 KiB. The time per KiB must not grow more than {@link MAX_GROWTH}× when
 *   the input grows 16× (linear time stays ~1×, quadratic would be ~16×);
 *   a suspect is measured again before it counts.
 * - `planted` inputs: real-looking secrets and personal data (the sanitizer
 *   test generators) planted between hostile runs, in JSON, URLs, quotes and
 *   CRLF lines; none may survive, not even a 12-character run of it.
 *
 * An input is a small JSON document naming its mode, so a saved finding
 * replays exactly.
 *
 * @module
 */
import { sanitizeText } from "../../../src/sanitizer/mod.ts";
import { base62, crc32 } from "../../../src/sanitizer/checksums.ts";
import { createRandom } from "../../random_values.ts";
import { isRedacted } from "../../evaluate_sanitizer.ts";
import type { SeededRandom } from "../../chaos/seeded_random.ts";
import { describeThrown, type FuzzTarget } from "../fuzz_target.ts";

/** Largest accepted growth of the time per KiB when the input grows 8×. */
export const MAX_GROWTH = 3;

const HOSTILE = [
  "a",
  "a@",
  "@",
  "a.",
  "1.",
  "1-",
  "0x",
  "://",
  "/home/",
  "C:\\Users\\",
  "~/",
  "-----BEGIN ",
  "eyJ",
  "ghp_",
  "sk-",
  "AKIA",
  "+1 ",
  "(555) ",
  "=",
  "key=",
  "password ",
  "Bearer ",
  "::",
  "1:",
  "%2F",
  "\\",
  " ",
  "\t",
  "_",
  "xn--",
  "0",
  "ff",
  "A1b2",
  "user@host:",
  "'",
  '"',
  "é",
  "\u200b",
];
const PLANTED = [
  "email",
  "ip_public",
  "ip_private",
  "ipv6_global",
  "mac",
  "aws_key_id",
  "gh_token",
  "gh_pat",
  "gl_token",
  "slack_bot",
  "stripe",
  "openai",
  "anthropic",
  "npm",
  "pypi",
  "hf",
  "sendgrid",
  "card",
];

interface GrowthInput {
  mode: "growth";
  unit: string;
  /** Text before and after the run (an opening that a pattern may try to close). */
  prefix?: string;
  suffix?: string;
}

/** Openings that invite a pattern to scan far ahead for its end. */
const OPENINGS = [
  "-----BEGIN RSA PRIVATE KEY-----\n",
  "eyJhbGciOiJIUzI1NiJ9.",
  "https://",
  "postgres://app:",
  "user:",
  "/home/",
  "C:\\Users\\",
  "password=",
  "Authorization: Bearer ",
  '"',
  "'",
  "(",
  "[",
  "+1 (",
  "0x",
];
interface PlantedInput {
  mode: "planted";
  text: string;
  secrets: { category: string; value: string }[];
}

function sanitizeTime(text: string, repeats: number): number {
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    const started = performance.now();
    sanitizeText(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * How much the time per KiB grows from a 4 KiB to a 32 KiB input made of `unit`.
 *
 * @example A plain letter is linear
 * ```ts
 * import assert from "node:assert/strict";
 * import { growthRatio } from "./sanitizer_target.ts";
 * assert(growthRatio("a") < 4);
 * ```
 */
export function growthRatio(unit: string, prefix = "", suffix = ""): number {
  const of = (size: number) =>
    prefix + unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + suffix;
  const small = of(4096);
  const large = of(32768);
  sanitizeText(small); // warm up
  return (sanitizeTime(large, 2) / 8) / Math.max(sanitizeTime(small, 5), 0.05);
}

function checkGrowth(input: GrowthInput): string | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const ratio = growthRatio(input.unit, input.prefix ?? "", input.suffix ?? "");
    if (ratio <= MAX_GROWTH) return undefined;
    if (attempt === 2) {
      const around = input.prefix || input.suffix
        ? ` (between ${JSON.stringify(input.prefix ?? "")} and ${
          JSON.stringify(input.suffix ?? "")
        })`
        : "";
      return `time per KiB grew ${ratio.toFixed(1)}× from 4 KiB to 32 KiB of ${
        JSON.stringify(input.unit.slice(0, 40))
      }${around}`;
    }
  }
  return undefined;
}

function checkPlanted(input: PlantedInput): string | undefined {
  const planted = Array.isArray(input.secrets) && typeof input.text === "string" &&
    input.secrets.every((s) =>
      typeof s?.category === "string" && typeof s.value === "string" && input.text.includes(s.value)
    );
  if (!planted) return undefined; // not a well-formed planted input (e.g. while shrinking)
  const output = sanitizeText(input.text).text;
  for (const secret of input.secrets) {
    if (!isRedacted(secret, output)) {
      return `planted ${secret.category} survived: ${JSON.stringify(secret.value)}`;
    }
  }
  return undefined;
}

function hostileUnit(random: SeededRandom): string {
  let unit = "";
  for (let k = random.int(1, 4); k > 0; k--) unit += random.pick(HOSTILE);
  return unit;
}

function plantedInput(random: SeededRandom): PlantedInput {
  const values = createRandom(random.int(1, 2 ** 31), { crc32, base62 });
  const secrets: PlantedInput["secrets"] = [];
  const parts: string[] = [];
  for (let k = random.int(1, 3); k > 0; k--) {
    const kind = random.pick(PLANTED);
    const value = values.value(kind);
    secrets.push({ category: values.categoryOf(kind), value });
    const run = hostileUnit(random).repeat(random.int(1, 200));
    const wrap = random.pick([
      (v: string) => `${run} ${v} ${run}`,
      (v: string) => `${run}\n${v}\r\n${run}`,
      (v: string) => JSON.stringify({ log: `${run} ${v}`, n: 1 }),
      (v: string) => `https://example.org/cb?token=${encodeURIComponent(run)}&v= ${v}`,
      (v: string) => `'${v}' "${v}"`,
      (v: string) => `${v}\t${run}`,
      (v: string) => `(${v})`,
    ]);
    parts.push(wrap(value));
  }
  return { mode: "planted", text: parts.join(random.pick([" ", "\n", "; "])), secrets };
}

/** The `sanitizer` fuzz target. */
export const sanitizerTarget: FuzzTarget = {
  name: "sanitizer",
  generate(random) {
    const input: GrowthInput | PlantedInput = random.chance(0.3)
      ? {
        mode: "growth",
        unit: hostileUnit(random),
        ...(random.chance(0.5) ? { prefix: random.pick(OPENINGS) } : {}),
        ...(random.chance(0.3) ? { suffix: random.pick(OPENINGS) } : {}),
      }
      : plantedInput(random);
    return new TextEncoder().encode(JSON.stringify(input));
  },
  check(bytes) {
    let input: GrowthInput | PlantedInput;
    try {
      input = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return Promise.resolve(undefined); // shrinking broke the JSON: not this target's input
    }
    const growth = input?.mode === "growth" && typeof input.unit === "string" && input.unit !== "";
    if (!growth && input?.mode !== "planted") return Promise.resolve(undefined);
    try {
      return Promise.resolve(input.mode === "growth" ? checkGrowth(input) : checkPlanted(input));
    } catch (error) {
      return Promise.resolve(`sanitizeText ${describeThrown(error)}`);
    }
  },
};
