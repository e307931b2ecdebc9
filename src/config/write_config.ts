/**
 * Changes a few keys of `config.toml` in place, keeping everything else the
 * user wrote (other sections, comments, order), atomically.
 *
 * @module
 */
import { writeFileAtomic } from "../platform/write_atomic.ts";
import { CaroError } from "../errors.ts";

/** A value caro writes into its config. `undefined` removes the key. */
export type ConfigValue = string | number | boolean | undefined;

function tomlValue(value: string | number | boolean): string {
  // JSON's string escapes are valid TOML basic-string escapes.
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function headerName(line: string): string | undefined {
  return /^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]/.exec(line)?.[1];
}

/**
 * The new text of a config file with `values` set in `[section]`: existing
 * key lines are replaced (or removed for `undefined`), missing keys are
 * added at the end of the section, a missing section is appended. Pure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withConfigKeys } from "./write_config.ts";
 * const text = "# mine\n[healing]\nenabled = true\n";
 * const next = withConfigKeys(text, "healing", { remember: "always", enabled: undefined });
 * assert(next === '# mine\n[healing]\nremember = "always"\n');
 * ```
 */
export function withConfigKeys(
  text: string,
  section: string,
  values: Record<string, ConfigValue>,
): string {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const pending = new Map(Object.entries(values));
  let start = lines.findIndex((line) => headerName(line) === section);
  if (start === -1) {
    if (lines.length > 0 && lines[lines.length - 1].trim() !== "") lines.push("");
    lines.push(`[${section}]`);
    start = lines.length - 1;
  }
  let end = start + 1;
  while (end < lines.length && headerName(lines[end]) === undefined) end++;
  const body: string[] = [];
  for (const line of lines.slice(start + 1, end)) {
    const key = /^\s*["']?([A-Za-z0-9_-]+)["']?\s*=/.exec(line)?.[1];
    if (key === undefined || !pending.has(key)) {
      body.push(line);
      continue;
    }
    const value = pending.get(key);
    pending.delete(key);
    if (value !== undefined) body.push(`${key} = ${tomlValue(value)}`);
  }
  let insertAt = body.length;
  while (insertAt > 0 && body[insertAt - 1].trim() === "") insertAt--;
  const added = [...pending].filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} = ${tomlValue(value as string | number | boolean)}`);
  body.splice(insertAt, 0, ...added);
  return [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join("\n") + "\n";
}

/**
 * Sets keys of one section in the config file at `path` (created with its
 * directory when missing): written to a temp file (mode 0600), synced, then
 * renamed over the old one, so a crash leaves the old file or the new one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { updateConfigKeys } from "./write_config.ts";
 * const dir = await Deno.makeTempDir();
 * await updateConfigKeys(`${dir}/config.toml`, "healing", { remember: "never" });
 * assert((await Deno.readTextFile(`${dir}/config.toml`)).includes('remember = "never"'));
 * ```
 */
export async function updateConfigKeys(
  path: string,
  section: string,
  values: Record<string, ConfigValue>,
): Promise<void> {
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw cannotWrite(path, error);
  }
  try {
    await writeFileAtomic(path, new TextEncoder().encode(withConfigKeys(text, section, values)));
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

function cannotWrite(path: string, error: unknown): CaroError {
  const why =
    error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : error instanceof Error
      ? error.message
      : String(error);
  return new CaroError(`Cannot update ${path}: ${why}`, { cause: error });
}
