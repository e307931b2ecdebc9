/**
 * Files the user names on the command line: `caro sanitize FILE`
 * (read), `caro report --submit FILE` (read) and `caro report --export FILE`
 * (write). `-` means stdin or stdout and names no file. The launcher
 * (`tools/caro.ts`) grants exactly these paths on top of caro's own dirs;
 * the commands check the grant before they touch a file, so a path outside
 * every grant is one line saying what to run instead, and a granted path
 * that does not exist is "no such file", never "permission denied".
 *
 * @module
 */
import { CaroError, whyFileFailed } from "../errors.ts";

/** The paths a command line reads and writes, as given (relative or absolute). */
export interface NamedFiles {
  read: string[];
  write: string[];
}

/** Root flags that take a value, so the value is not read as the command. */
const ROOT_VALUE_FLAGS = new Set(["--healing-consent"]);

/**
 * The files a caro command line names, for the launcher's grants.
 *
 * @example sanitize reads its operand; report --export writes its value
 * ```ts
 * import assert from "node:assert/strict";
 * import { namedFiles } from "./named_files.ts";
 * assert.deepEqual(namedFiles(["sanitize", "notes.txt"]), { read: ["notes.txt"], write: [] });
 * assert.deepEqual(namedFiles(["--json", "report", "--export=/media/usb/r.json"]), {
 *   read: [],
 *   write: ["/media/usb/r.json"],
 * });
 * assert.deepEqual(namedFiles(["report", "--submit", "-"]), { read: [], write: [] });
 * ```
 */
export function namedFiles(args: readonly string[]): NamedFiles {
  const named: NamedFiles = { read: [], write: [] };
  let at = 0;
  while (at < args.length && (args[at].startsWith("-") || ROOT_VALUE_FLAGS.has(args[at - 1]))) {
    at++;
  }
  const [command, ...rest] = args.slice(at);
  const end = rest.indexOf("--");
  const own = end === -1 ? rest : rest.slice(0, end);
  if (command === "sanitize") {
    const operand = end === -1 ? own.find((arg) => !arg.startsWith("-")) : rest[end + 1];
    if (operand !== undefined) named.read.push(operand);
  }
  if (command === "report") {
    for (const [flag, list] of [["--submit", named.read], ["--export", named.write]] as const) {
      own.forEach((arg, i) => {
        if (arg === flag && i + 1 < own.length) list.push(own[i + 1]);
        else if (arg.startsWith(`${flag}=`)) list.push(arg.slice(flag.length + 1));
      });
    }
  }
  return { read: named.read.filter((p) => p !== "-"), write: named.write.filter((p) => p !== "-") };
}

/**
 * Throws a one-line {@link CaroError} unless this process may `access`
 * `file`, saying why not and what to run instead (`instead`, e.g.
 * `caro sanitize < notes.txt`); a file to read must also exist ("no such
 * file"). A compiled binary's permissions are fixed when it is built; from
 * source, the launcher grants the files named on its command line.
 *
 * @example A missing file to read
 * ```ts
 * import assert from "node:assert/strict";
 * import { requireNamedFile } from "./named_files.ts";
 * // Doc tests run with every permission, so the grant is there and the file is not.
 * await assert.rejects(requireNamedFile("read", "/no/such/file", (f) => `caro sanitize < ${f}`), {
 *   message: 'Cannot read "/no/such/file": no such file',
 * });
 * ```
 */
export async function requireNamedFile(
  access: "read" | "write",
  file: string,
  instead: (quotedFile: string) => string,
): Promise<void> {
  if (Deno.permissions.querySync({ name: access, path: file }).state !== "granted") {
    const why = Deno.build.standalone
      ? "a caro binary's permissions are fixed when it is built"
      : "caro is granted its own folders and only the files named to its launcher, deno task caro";
    throw new CaroError(
      `Cannot ${access} "${file}": caro is not allowed to ${access} it (${why}). ` +
        `Instead run: ${instead(shellWord(file))}`,
    );
  }
  if (access === "write") return;
  try {
    await Deno.stat(file);
  } catch (error) {
    throw new CaroError(`Cannot read "${file}": ${whyFileFailed(error)}`, { cause: error });
  }
}

/**
 * Reads a file the user named (see {@link requireNamedFile}).
 *
 * @example A readable file
 * ```ts
 * import assert from "node:assert/strict";
 * import { readNamedFile } from "./named_files.ts";
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, "hello\n");
 * assert.equal(await readNamedFile(file, (f) => `caro sanitize < ${f}`), "hello\n");
 * ```
 */
export async function readNamedFile(
  file: string,
  instead: (quotedFile: string) => string,
): Promise<string> {
  await requireNamedFile("read", file, instead);
  try {
    return await Deno.readTextFile(file);
  } catch (error) {
    throw new CaroError(`Cannot read "${file}": ${whyFileFailed(error)}`, { cause: error });
  }
}

/** `file` as one shell word. */
function shellWord(file: string): string {
  return /^[\w./~:@%+=,-]+$/.test(file) ? file : `'${file.replaceAll("'", `'\\''`)}'`;
}
