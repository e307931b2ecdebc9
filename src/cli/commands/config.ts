/**
 * `caro config`: shows the effective healing settings and where each value
 * comes from (`env` with the variable, `file` with the key, or `default`);
 * `caro config set KEY VALUE` / `caro config unset KEY` change one key of
 * `config.toml` in place (comments and other keys kept) after checking the
 * value the same way caro reads it; `caro config path` prints the file.
 * A malformed file never stops `caro config` and `caro config path`: each
 * problem is one `warning:` line naming file, line and key, and the defaults
 * apply. `set` and `unset` change only a file caro can read: one that is not
 * TOML (or not a file) is left as it is, with one `error:` line saying where
 * it is wrong, to be fixed by hand.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { join } from "../../platform/path.ts";
import {
  CONFIG_FILE_NAME,
  CONFIG_KEYS,
  formatConfigProblem,
  loadConfig,
  parseConfig,
} from "../../config/load_config.ts";
import { caroDirs } from "../../platform/dirs.ts";
import { type ConfigValue, updateConfigKeys, withConfigKeys } from "../../config/write_config.ts";
import { CaroError, UsageError } from "../../errors.ts";
import { parseContact } from "../../healing/contact/parse_contact.ts";
import type { HealingSettings, Setting } from "../../healing/settings/healing_settings.ts";

/**
 * `caro config [set|unset|path]`: show or change caro's configuration.
 *
 * @example Its help lists the subcommands
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["config"]), /set[\s\S]*unset[\s\S]*path/);
 * ```
 */
export function configCommand({ bind, command }: CommandKit): Command {
  return command("config")
    .description("show the effective healing settings and where each comes from")
    .addHelpText(
      "after",
      examplesHelp([
        ["caro config", "every healing setting, its value and where it comes from"],
        ["caro config set healing.consent_level minimal", "send less"],
        ["caro config unset healing.remember", "ask again before sending"],
        ["caro config path", "the file caro reads"],
      ]),
    )
    .action(bind(runConfig))
    .addCommand(
      command("set")
        .description(
          "set one key of config.toml, e.g. caro config set healing.consent_level minimal",
        )
        .argument("<key>", "section.key")
        .argument("<value>", "the new value, checked as caro reads it")
        .addHelpText(
          "after",
          examplesHelp([
            ["caro config set healing.consent_level full"],
            ["caro config set healing.endpoint https://heal.example.org", "your own service"],
            ["caro config set healing.contact github:ada", "how to tell you it is fixed"],
          ]),
        )
        .action(bind(runConfigSet)),
    )
    .addCommand(
      command("unset")
        .description("remove one key from config.toml (its default applies again)")
        .argument("<key>", "section.key")
        .addHelpText("after", examplesHelp([["caro config unset healing.remember", "ask again"]]))
        .action(bind(runConfigSet)),
    )
    .addCommand(
      command("path")
        .description("print the config file caro reads (or would create)")
        .addHelpText("after", examplesHelp([['"$EDITOR" "$(caro config path)"']]))
        .action(bind(runConfigPath)),
    );
}

/** The settings as the config commands read them (loaded when one runs). */
async function loadSettings(ctx: CliContext) {
  const { loadHealingSettings } = await import(
    "../../healing/settings/load_healing_settings.ts"
  );
  return loadHealingSettings(ctx.env, ctx.stderr);
}

/** Setting name in `HealingSettings` → its key in `[healing]`. */
const HEALING_KEYS: Readonly<Record<keyof HealingSettings, string>> = {
  enabled: "enabled",
  consentLevel: "consent_level",
  contact: "contact",
  showNotifications: "show_notifications",
  endpoint: "endpoint",
  remember: "remember",
  consentVersion: "consent_version",
};

/**
 * `caro config`: one line per healing setting, `--json` for an object.
 *
 * @example Defaults, with their source
 * ```ts
 * import assert from "node:assert/strict";
 * import { runConfig } from "./config.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runConfig({}, run.ctx, []), 0);
 * assert.match(run.stdout(), /^healing\.enabled +true +default$/m);
 * ```
 */
export async function runConfig(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { dirs, loaded, settings } = await loadSettings(ctx);
  const path = loaded.path ?? join(dirs.config, CONFIG_FILE_NAME);
  const rows = (Object.keys(HEALING_KEYS) as (keyof HealingSettings)[]).map((name) => {
    const setting = settings[name] as Setting<unknown>;
    // A password in the endpoint's URL is the user's, but a screen or a log is no place for it.
    const shown = typeof setting.value === "string" && name === "endpoint"
      ? { ...setting, value: withoutPassword(setting.value) }
      : setting;
    return { key: `healing.${HEALING_KEYS[name]}`, setting: shown };
  });
  if (ctx.global.json) {
    const healing = Object.fromEntries(rows.map(({ key, setting }) => [key, {
      value: setting.value ?? null,
      source: setting.source,
      ...(setting.origin ? { origin: setting.origin } : {}),
    }]));
    ctx.stdout.write(JSON.stringify({ path, source: loaded.source, settings: healing }) + "\n");
    return 0;
  }
  const described = loaded.source === "none"
    ? " (not created yet)"
    : loaded.source === "legacy"
    ? " (legacy cmdai location)"
    : "";
  ctx.stdout.write(`config file: ${path}${described}\n`);
  for (const { key, setting } of rows) {
    const value = setting.value === undefined ? "(unset)" : String(setting.value);
    const source = setting.source === "env" ? `env ${setting.origin}` : setting.source;
    ctx.stdout.write(`${key.padEnd(26)} ${value.padEnd(34)} ${source}\n`);
  }
  return 0;
}

/**
 * `caro config path`: the config file caro reads (or would create).
 *
 * @example The file under CARO_HOME
 * ```ts
 * import assert from "node:assert/strict";
 * import { runConfigPath } from "./config.ts";
 * import { memoryContext } from "../context.ts";
 * const home = await Deno.makeTempDir();
 * const run = memoryContext({ env: { CARO_HOME: home } });
 * await runConfigPath({}, run.ctx, []);
 * assert.equal(run.stdout(), `${home}/config/config.toml\n`);
 * ```
 */
export async function runConfigPath(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { dirs, loaded } = await loadSettings(ctx);
  const path = loaded.path ?? join(dirs.config, CONFIG_FILE_NAME);
  ctx.stdout.write(
    ctx.global.json ? JSON.stringify({ path, source: loaded.source }) + "\n" : `${path}\n`,
  );
  return 0;
}

/**
 * `caro config set KEY VALUE`, or `caro config unset KEY` when `args` has
 * only the key: checks the value as caro would read it, then writes.
 *
 * @example Setting a value, and refusing a bad one
 * ```ts
 * import assert from "node:assert/strict";
 * import { runConfigSet } from "./config.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * await runConfigSet({}, run.ctx, ["healing.consent_level", "minimal"]);
 * assert.match(run.stdout(), /^set healing\.consent_level = "minimal" in /);
 * await assert.rejects(runConfigSet({}, run.ctx, ["healing.consent_level", "all"]));
 * ```
 */
export async function runConfigSet(
  _options: unknown,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  const [key, raw] = args;
  const [section, name, ...rest] = key.split(".");
  const wellFormed = name !== undefined && name !== "" && rest.length === 0 &&
    ["backend", "safety", "healing"].includes(section);
  if (!CONFIG_KEYS.includes(key) && !(wellFormed && section === "safety")) {
    const wrong = wellFormed
      ? `"${key}" is not a key caro knows`
      : `"${key}" is not a config key: write section.key, e.g. healing.consent_level`;
    throw new UsageError(wrong + await didYouMean(key, CONFIG_KEYS));
  }
  const dirs = caroDirs(ctx.env, Deno.build.os);
  const [loaded, { writableConfigPath }] = await Promise.all([
    loadConfig(dirs),
    import("../../healing/settings/writable_config_path.ts"),
  ]);
  // A file caro cannot read (or whose section is no table) is never rewritten: the
  // change could not be checked, and the user's text would be lost or broken further.
  const unreadable = loaded.problems.find((p) => p.key === undefined || p.key === section);
  if (unreadable) {
    const fix = "fix the file by hand: caro changes only a file it can read";
    throw new CaroError(`${formatConfigProblem(unreadable)} (${fix})`);
  }
  const path = await writableConfigPath(dirs, loaded);
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const value = raw === undefined ? undefined : checkedValue(text, section, name, raw, path);
  const current = loaded.config[section as keyof typeof loaded.config] as
    | Record<string, unknown>
    | undefined;
  if (value === undefined && current?.[name] === undefined) {
    ctx.stdout.write(
      ctx.global.json
        ? JSON.stringify({ unset: key, path, changed: false }) + "\n"
        : `${key} was not set in ${path}: nothing changed\n`,
    );
    return 0;
  }
  if (key === "healing.endpoint" && typeof value === "string") refuseUnreachableEndpoint(value);
  await updateConfigKeys(path, section, { [name]: value });
  if (ctx.global.json) {
    ctx.stdout.write(
      JSON.stringify(value === undefined ? { unset: key, path } : { set: key, value, path }) + "\n",
    );
  } else {
    ctx.stdout.write(
      value === undefined
        ? `unset ${key} in ${path}\n`
        : `set ${key} = ${JSON.stringify(value)} in ${path}\n`,
    );
  }
  return 0;
}

/**
 * A compiled binary's `--allow-net` list is fixed when it is built: an
 * endpoint outside it could never be reached, so it is refused when set,
 * not discovered later as a report that queues forever. From source, the
 * launcher grants the configured endpoint's host on every run.
 */
function refuseUnreachableEndpoint(endpoint: string): void {
  const url = new URL(endpoint);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const granted = Deno.permissions.querySync({ name: "net", host: `${url.hostname}:${port}` });
  if (!Deno.build.standalone || granted.state === "granted") return;
  throw new CaroError(
    `Cannot use ${url.host} as the healing endpoint: this caro binary may connect only to the ` +
      "hosts it was built with (a binary's permissions are fixed when it is built). Instead, run " +
      "caro from source, which grants the endpoint you configure: deno task install " +
      "(then caro config set healing.endpoint again).",
  );
}

/** The typed value for `raw` that caro reads back without a problem, or a usage error. */
function checkedValue(
  text: string,
  section: string,
  name: string,
  raw: string,
  path: string,
): ConfigValue {
  if (section === "healing" && name === "contact") {
    const contact = parseContact(raw);
    if (!contact.ok) throw new UsageError(`healing.contact: ${contact.message}`);
  }
  const typed: ConfigValue[] = [];
  if (raw === "true" || raw === "false") typed.push(raw === "true");
  if (/^\d{1,15}$/.test(raw)) typed.push(Number(raw));
  typed.push(raw);
  let problem = "";
  for (const candidate of typed) {
    const { config, problems } = parseConfig(
      withConfigKeys(text, section, { [name]: candidate }),
      path,
    );
    const own = problems.find((p) => p.key === `${section}.${name}`);
    if (
      !own &&
      (config as unknown as Record<string, Record<string, unknown>>)[section][name] !== undefined
    ) {
      return candidate;
    }
    problem ||= own?.message ?? "";
  }
  throw new UsageError(`${section}.${name}: ${problem}`);
}

/**
 * ` Did you mean healing.enabled?` for a mistyped `word`, or `""`: commander's
 * own suggestion, the one a mistyped command gets (`caro queue flsh`), asked of
 * a throwaway command whose subcommands are the `candidates`.
 */
async function didYouMean(word: string, candidates: readonly string[]): Promise<string> {
  const { Command } = await import("commander");
  const probe = new Command().exitOverride().helpCommand(false)
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  for (const candidate of candidates) probe.command(candidate);
  try {
    probe.parse([word], { from: "user" });
  } catch (error) {
    const suggestion = /\((Did you mean [^)]*\?)\)/.exec((error as Error).message)?.[1];
    if (suggestion) return `. ${suggestion}`;
  }
  return "";
}

/** `url` with the password in its user info shown as `****`. */
function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password === "") return url;
  parsed.password = "****";
  return parsed.href.replace(/\/$/, url.endsWith("/") ? "/" : "");
}
