/**
 * CARO's configuration file, `config.toml`, read without ever throwing: a
 * malformed file or a wrong value becomes a {@link ConfigProblem} naming the
 * file, line and key, and caro carries on with the defaults for what it could
 * not read.
 *
 * ```toml
 * [backend]
 * type = "ollama"          # embedded | ollama | vllm | mlx | openai_compatible
 * model = "qwen2.5-coder:7b"
 * endpoint = "http://127.0.0.1:11434"
 *
 * [safety]
 * level = "moderate"       # strict | moderate | permissive
 *
 * [healing]
 * enabled = true
 * consent_level = "standard"   # minimal | standard | full
 * contact = "ada@example.org"
 * show_notifications = true
 * endpoint = "https://heal.caro.example"
 * remember = "always"          # written by the consent prompt (A / V)
 * consent_version = 1
 * ```
 *
 * @module
 */
import { join } from "../platform/path.ts";
import { parse, TomlError } from "smol-toml";
import { type CaroDirs, knownDir } from "../platform/dirs.ts";
import { fileProblem } from "../errors.ts";
import { keyLine } from "./key_line.ts";
import { healingEndpointProblem } from "./healing_endpoint.ts";

/** The config file's name inside the config directory. */
export const CONFIG_FILE_NAME = "config.toml";

/** The `[healing]` section. Absent keys mean "use the default". */
export interface HealingConfig {
  enabled?: boolean;
  consent_level?: "minimal" | "standard" | "full";
  contact?: string;
  show_notifications?: boolean;
  endpoint?: string;
  remember?: "always" | "never";
  consent_version?: number;
}

/** What caro reads from its config file. */
export interface CaroConfig {
  backend: { type?: string; model?: string; endpoint?: string };
  safety: { level?: string; [key: string]: unknown };
  healing: HealingConfig;
}

/** One thing wrong with the config file. */
export interface ConfigProblem {
  file: string;
  line?: number;
  /** `section.key`, when the problem is about one key. */
  key?: string;
  message: string;
}

/** The result of {@link loadConfig}. */
export interface LoadedConfig {
  /** The file that was read, if any. */
  path?: string;
  /** `legacy` when it came from the pre-rename `cmdai` directory. */
  source: "caro" | "legacy" | "none";
  config: CaroConfig;
  problems: ConfigProblem[];
}

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => typeof v === "string" ? undefined : "expected a string";
const isBoolean: Check = (v) => typeof v === "boolean" ? undefined : "expected true or false";
const oneOf = (...allowed: string[]): Check => (v) =>
  typeof v === "string" && allowed.includes(v)
    ? undefined
    : `expected one of ${allowed.join(", ")}`;
const isHttpUrl: Check = (v) => {
  if (typeof v !== "string") return "expected a URL string";
  return /^https?:\/\/[^\s/]+/.test(v) ? undefined : "expected an http:// or https:// URL";
};
const isHealingEndpoint: Check = (v) =>
  typeof v === "string" ? healingEndpointProblem(v.trim()) : "expected a URL string";
const isCount: Check = (v) =>
  (typeof v === "bigint" || typeof v === "number") && Number(v) >= 0 && Number.isInteger(Number(v))
    ? undefined
    : "expected a whole number";

/** The keys caro understands, per section, with their checks. */
const KNOWN_KEYS: Record<keyof CaroConfig, Record<string, Check>> = {
  backend: {
    type: oneOf("embedded", "ollama", "vllm", "mlx", "openai_compatible"),
    model: isString,
    endpoint: isHttpUrl,
  },
  safety: { level: oneOf("strict", "moderate", "permissive") },
  healing: {
    enabled: isBoolean,
    consent_level: oneOf("minimal", "standard", "full"),
    contact: isString,
    show_notifications: isBoolean,
    endpoint: isHealingEndpoint,
    remember: oneOf("always", "never"),
    consent_version: isCount,
  },
};

/**
 * Every key caro reads, as `section.key` (unknown keys in `[safety]` are kept
 * for CARO itself, so any `safety.*` may be set too).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONFIG_KEYS } from "./load_config.ts";
 * assert(CONFIG_KEYS.includes("healing.consent_level"));
 * ```
 */
export const CONFIG_KEYS: readonly string[] = Object.entries(KNOWN_KEYS)
  .flatMap(([section, keys]) => Object.keys(keys).map((key) => `${section}.${key}`));

function emptyConfig(): CaroConfig {
  return { backend: {}, safety: {}, healing: {} };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

/**
 * Parses the text of a config file. Keys with a wrong value are left out
 * (their default applies) and reported; unknown keys in `[safety]` are kept
 * for CARO itself, unknown keys elsewhere are ignored.
 *
 * @example A wrong value names file, line and key
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfig } from "./load_config.ts";
 * const { config, problems } = parseConfig("[healing]\nenabled = \"yes\"\n", "config.toml");
 * assert(config.healing.enabled === undefined);
 * assert(problems[0].line === 2 && problems[0].key === "healing.enabled");
 * ```
 */
export function parseConfig(
  text: string,
  file: string,
): { config: CaroConfig; problems: ConfigProblem[] } {
  const config = emptyConfig();
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = error.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
    return {
      config,
      problems: [{ file, line: error.line, message: `not valid TOML: ${message}` }],
    };
  }
  const problems: ConfigProblem[] = [];
  for (const section of Object.keys(KNOWN_KEYS) as (keyof CaroConfig)[]) {
    const table = document[section];
    if (table === undefined) continue;
    if (!isTable(table)) {
      problems.push({ file, key: section, message: "expected a [section]" });
      continue;
    }
    const target = config[section] as Record<string, unknown>;
    for (const [key, value] of Object.entries(table)) {
      const check = KNOWN_KEYS[section][key];
      if (!check) {
        if (section === "safety") target[key] = value;
        continue;
      }
      const wrong = check(value);
      if (wrong) {
        const line = keyLine(text, section, key);
        problems.push({ file, line, key: `${section}.${key}`, message: wrong });
        continue;
      }
      target[key] = typeof value === "bigint" ? Number(value) : value;
    }
  }
  return { config, problems };
}

/**
 * One line for a problem: `file:line: key: message`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatConfigProblem } from "./load_config.ts";
 * const line = formatConfigProblem({ file: "/c/config.toml", line: 3, key: "healing.enabled", message: "expected true or false" });
 * assert(line === "/c/config.toml:3: healing.enabled: expected true or false");
 * ```
 */
export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.key === undefined
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.key}: ${problem.message}`;
}

function describeReadError(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable) return "cannot read: permission denied";
  if (error instanceof TypeError) return "cannot read: not UTF-8 text";
  const why = fileProblem(error)?.why ?? (error instanceof Error ? error.message : String(error));
  return `cannot read: ${why}`;
}

/**
 * A file's text, strictly: bytes that are not UTF-8 are an error (a
 * `TypeError`), never replaced with U+FFFD as `Deno.readTextFile` does, so
 * a config file caro cannot read is known to be one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readUtf8 } from "./load_config.ts";
 * const file = await Deno.makeTempFile();
 * await Deno.writeFile(file, new Uint8Array([0x23, 0x20, 0xff, 0xfe]));
 * await assert.rejects(readUtf8(file), TypeError);
 * ```
 */
export async function readUtf8(
  path: string,
  readFile: (path: string) => Promise<Uint8Array> = (path) => Deno.readFile(path),
): Promise<string> {
  return new TextDecoder("utf-8", { fatal: true }).decode(await readFile(path));
}

/**
 * Reads `config.toml` from caro's config directory, or from the legacy
 * `cmdai` directory when caro's has none. Never throws: a missing file is
 * `source: "none"`, and so is a directory that is unknown (no home
 * directory: see `HomeUnknown`); anything else wrong is a problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadConfig } from "./load_config.ts";
 * const dirs = { config: "/nowhere/caro", legacyConfig: "/nowhere/cmdai", data: "/d", cache: "/c" };
 * const loaded = await loadConfig(dirs, () => Promise.reject(new Deno.errors.NotFound("x")));
 * assert(loaded.source === "none" && loaded.problems.length === 0);
 * ```
 */
export async function loadConfig(
  dirs: CaroDirs,
  readTextFile: (path: string) => Promise<string> = (path) => readUtf8(path),
): Promise<LoadedConfig> {
  const candidates = [
    { dir: knownDir(dirs, "config"), source: "caro" as const },
    { dir: knownDir(dirs, "legacyConfig"), source: "legacy" as const },
  ];
  for (const { dir, source } of candidates) {
    if (dir === undefined) continue;
    const path = join(dir, CONFIG_FILE_NAME);
    let text: string;
    try {
      text = await readTextFile(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      const problem = { file: path, message: describeReadError(error) };
      return { path, source, config: emptyConfig(), problems: [problem] };
    }
    const { config, problems } = parseConfig(text, path);
    return { path, source, config, problems };
  }
  return { source: "none", config: emptyConfig(), problems: [] };
}
