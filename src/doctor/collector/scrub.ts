/**
 * The last guard before anything the doctor collected is shown: known
 * personal values of this run (home directory, CARO_HOME, the hosts and
 * credentials in proxy and endpoint settings) are replaced first, then the
 * sanitizer redacts whatever else looks personal or secret.
 *
 * @module
 */
import { sanitizeText } from "../sanitizer/mod.ts";

/** Turns collected text into text that may be printed or sent. */
export type Scrubber = (text: string) => string;

/** Known personal values of this run and what replaces each. */
export interface KnownValues {
  /** Directory prefixes shown by name: `[["/home/ada", "~"]]`. */
  dirs: ReadonlyArray<readonly [string, string]>;
  /** Values never shown at all (hosts, user names, passwords, whole URLs). */
  secrets: readonly string[];
}

/**
 * Builds a {@link Scrubber} for this run's known values.
 *
 * @example
 * ```ts
 * import { makeScrubber } from "./scrub.ts";
 * const scrub = makeScrubber({ dirs: [["/srv/ada", "~"]], secrets: ["gpu.corp.example"] });
 * console.assert(scrub("/srv/ada/bin/zsh on gpu.corp.example") === "~/bin/zsh on <REDACTED>");
 * ```
 */
export function makeScrubber(known: KnownValues): Scrubber {
  const dirs = known.dirs.filter(([dir]) => dir.length > 1)
    .toSorted((a, b) => b[0].length - a[0].length);
  const secrets = known.secrets.filter((value) => value.length > 2)
    .toSorted((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const [dir, name] of dirs) out = out.replaceAll(dir, name);
    for (const secret of secrets) out = out.replaceAll(secret, "<REDACTED>");
    return sanitizeText(out).text;
  };
}

/**
 * The parts of a URL-ish setting that must never be shown: the whole value,
 * its host, user name and password.
 *
 * @example
 * ```ts
 * import { secretsOfUrl } from "./scrub.ts";
 * console.assert(secretsOfUrl("http://ada:pw@proxy.corp:3128").includes("proxy.corp"));
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
