/**
 * The last guard before anything the doctor collected is shown. Known
 * personal values of this run (home directory, CARO_HOME, the hosts and
 * credentials in proxy and endpoint settings) are always replaced. Paths
 * keep only what is known to be impersonal (a system directory, or a path
 * below `~` / `$CARO_HOME`); any other directory is cut to `…/name`. Free
 * text (model names, config problems) also goes through the sanitizer.
 *
 * @module
 */

/** Turns collected values into values that may be printed or sent. */
export interface Scrubber {
  /** Replaces known personal values only (for text caro wrote itself). */
  known(text: string): string;
  /** Known values, then the sanitizer (for text that came from outside). */
  text(text: string): string;
  /** Known dirs as `~` / `$CARO_HOME`, system dirs kept, other dirs cut to `…/name`. */
  path(path: string): string;
}

/** Known personal values of this run and what replaces each. */
export interface KnownValues {
  /** Directory prefixes shown by name: `[["/home/ada", "~"]]`. */
  dirs: ReadonlyArray<readonly [string, string]>;
  /** Values never shown at all (hosts, user names, passwords, whole URLs). */
  secrets: readonly string[];
  /**
   * The login names this run knows (the last part of the home directory),
   * shown as `<USER>` where they stand as a word of their own: a model
   * `ada/private:latest` becomes `<USER>/private:latest`, `canada` stays.
   */
  users?: readonly string[];
}

/** Directories whose paths hold nothing personal. */
const SYSTEM_DIRS = [
  "/bin/",
  "/sbin/",
  "/usr/",
  "/opt/homebrew/",
  "/nix/store/",
  "/run/current-system/",
  "/snap/",
  "/etc/",
  "/System/",
  "/Library/",
  "/Applications/",
  "C:\\Windows\\",
  "C:\\Program Files\\",
  "C:\\Program Files (x86)\\",
];

/**
 * Builds a {@link Scrubber} for this run's known values. `sanitize` (the
 * sanitizer's `sanitizeText`) is only needed when outside text is shown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeScrubber } from "./scrub.ts";
 * const scrub = makeScrubber({ dirs: [["/srv/ada", "~"]], secrets: ["gpu.corp.example"] });
 * assert(scrub.path("/srv/ada/bin/zsh") === "~/bin/zsh");
 * assert(scrub.path("/data/ada/zsh") === "…/zsh");
 * assert(scrub.known("down: gpu.corp.example") === "down: <REDACTED>");
 * const named = makeScrubber({ dirs: [], secrets: [], users: ["ada"] });
 * assert.equal(named.known("ada/private:latest in canada"), "<USER>/private:latest in canada");
 * ```
 */
export function makeScrubber(known: KnownValues, sanitize?: (text: string) => string): Scrubber {
  const dirs = known.dirs.filter(([dir]) => dir.length > 1)
    .toSorted((a, b) => b[0].length - a[0].length);
  const secrets = known.secrets.filter((value) => value.length > 2)
    .toSorted((a, b) => b.length - a.length);
  const replaceSecrets = (text: string) =>
    secrets.reduce((out, secret) => out.replaceAll(secret, "<REDACTED>"), text);
  const replaceDirs = (text: string) =>
    dirs.reduce((out, [dir, name]) => out.replaceAll(dir, name), text);
  const names = (known.users ?? []).filter((user) => user.length > 2)
    .map((user) => user.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const user = names.length === 0
    ? undefined
    : new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const replaceUsers = (text: string) => user ? text.replace(user, "<USER>") : text;
  const knownOnly = (text: string) => replaceUsers(replaceSecrets(replaceDirs(text)));
  return {
    known: knownOnly,
    text(text) {
      if (!sanitize) throw new Error("scrubber built without the sanitizer for outside text");
      return sanitize(knownOnly(text));
    },
    path(path) {
      for (const [dir, name] of dirs) {
        if (path === dir || path.startsWith(`${dir}/`) || path.startsWith(`${dir}\\`)) {
          return replaceSecrets(name + path.slice(dir.length));
        }
      }
      if (SYSTEM_DIRS.some((dir) => path.startsWith(dir))) return replaceSecrets(path);
      return replaceSecrets(`…/${path.split(/[\\/]/).at(-1)}`);
    },
  };
}

/**
 * The parts of a URL-ish setting that must never be shown: the whole value,
 * its host, user name and password.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { secretsOfUrl } from "./scrub.ts";
 * assert(secretsOfUrl("http://ada:pw@proxy.corp:3128").includes("proxy.corp"));
 * ```
 */
export function secretsOfUrl(value: string | undefined): string[] {
  if (!value) return [];
  const out = [value];
  try {
    const url = new URL(value.includes("://") ? value : `http://${value}`);
    out.push(url.hostname, decodeURIComponent(url.username), decodeURIComponent(url.password));
  } catch { /* not a URL: the whole value is enough */ }
  return out.filter((part) => part !== "" && !LOOPBACK.has(part));
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);
