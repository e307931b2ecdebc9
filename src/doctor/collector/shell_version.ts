/**
 * A shell's version as its binary carries it: found by searching the binary's
 * bytes, never by running the shell (see shell_probe.ts for why).
 *
 * @module
 */
import { NotCollected } from "./collected.ts";

/** Shells caro knows by name (the report's shell enum). */
export type ShellName = "bash" | "zsh" | "fish" | "pwsh" | "powershell" | "cmd" | "sh" | "other";

/**
 * The version string each shell's binary carries: a marker, and the version
 * right after one of the marker's occurrences. The binary is searched as
 * bytes (decoding a 1.2 MB bash as text took ~10 ms of the doctor's start).
 */
export const VERSION_IN_BINARY: Partial<Record<ShellName, { marker: string; version: RegExp }>> = {
  bash: { marker: "@(#)Bash version ", version: /^(\d+\.\d+(?:\.\d+)?)/ },
  zsh: { marker: "/zsh/", version: /^(\d+\.\d+(?:\.\d+)?)(?![\d.])/ },
  fish: { marker: "fish-", version: /^(\d+\.\d+\.\d+)(?![\d.])/ },
  pwsh: { marker: "PowerShell ", version: /^(\d+\.\d+\.\d+)/ },
};

/** How many bytes after a marker can hold the version. */
const VERSION_WINDOW = 24;

/**
 * The version compiled into a shell's binary (its bytes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellVersionFromBinary } from "./shell_version.ts";
 * const bytes = (text: string) => new TextEncoder().encode(text);
 * assert(shellVersionFromBinary("bash", bytes("\0@(#)Bash version 5.2.15(1) release\0")) === "5.2.15");
 * assert(shellVersionFromBinary("zsh", bytes("/zsh/functions\0/usr/lib/zsh/5.9\0")) === "5.9");
 * ```
 */
export function shellVersionFromBinary(name: ShellName, binary: Uint8Array): string {
  const pattern = VERSION_IN_BINARY[name];
  if (pattern) {
    const marker = new TextEncoder().encode(pattern.marker);
    const latin1 = new TextDecoder("latin1");
    for (
      let at = indexOfBytes(binary, marker, 0);
      at !== -1;
      at = indexOfBytes(binary, marker, at + 1)
    ) {
      const after = binary.subarray(at + marker.length, at + marker.length + VERSION_WINDOW);
      const version = pattern.version.exec(latin1.decode(after))?.[1];
      if (version) return version;
    }
  }
  throw new NotCollected("no version string found in the shell's binary");
}

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const last = haystack.length - needle.length;
  for (
    let at = haystack.indexOf(needle[0], from);
    at !== -1 && at <= last;
    at = haystack.indexOf(needle[0], at + 1)
  ) {
    let j = 1;
    while (j < needle.length && haystack[at + j] === needle[j]) j++;
    if (j === needle.length) return at;
  }
  return -1;
}
