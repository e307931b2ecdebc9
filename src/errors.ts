/**
 * The two kinds of error caro knows. A {@link UsageError} is the caller's
 * mistake (bad flag, bad argument): `main.ts` prints usage and exits 2. A
 * {@link CaroError} is an expected failure with a one-line, user-facing
 * message (a corrupt file, a dead network): `main.ts` prints it and exits
 * with its code. Anything else is a bug. The operating system's answer about
 * a file (a directory where a file should be, a denied permission) is turned
 * into the expected kind by {@link fileProblem}: a {@link FileProblem}.
 *
 * @module
 */

/**
 * An expected failure with a message written for the user.
 *
 * @example Throwing a clear error
 * ```ts
 * import assert from "node:assert/strict";
 * import { CaroError } from "./errors.ts";
 * const err = new CaroError('Cannot read queue file "a.json": not JSON', { exitCode: 1 });
 * assert(err.exitCode === 1);
 * ```
 */
export class CaroError extends Error {
  /** The process exit code `main.ts` uses for this error. */
  readonly exitCode: number;

  /** A one-line `message`; `exitCode` defaults to 1, `cause` is shown with `--verbose`. */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CaroError";
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * The caller used the command wrongly; exits 2 after printing usage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./errors.ts";
 * const err = new UsageError("--failure-type must be one of generation, validation");
 * assert(err.exitCode === 2);
 * ```
 */
export class UsageError extends CaroError {
  /** What was wrong with the command line, one line. */
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = "UsageError";
  }
}

/**
 * A file or directory caro cannot use, as the operating system said:
 * `Cannot write "<path>": it is a file, not a directory`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FileProblem } from "./errors.ts";
 * const problem = new FileProblem("read", "/d/queue", "it is a file, not a directory");
 * assert.equal(problem.message, 'Cannot read "/d/queue": it is a file, not a directory');
 * assert.equal(problem.exitCode, 1);
 * ```
 */
export class FileProblem extends CaroError {
  /** What caro was doing: `read`, `write`, `open` or `use`. */
  readonly action: string;
  /** The file or directory the operating system named. */
  readonly path: string;
  /** What is wrong with it, e.g. `it is a directory`. */
  readonly why: string;

  /** `cause` is the operating system's error (shown with `--verbose`). */
  constructor(action: string, path: string, why: string, cause?: unknown) {
    super(`Cannot ${action} "${path}": ${why}`, { cause });
    this.name = "FileProblem";
    this.action = action;
    this.path = path;
    this.why = why;
  }
}

/** Deno's file errors caro turns into a {@link FileProblem}, with what each one means. */
const FILE_ERRORS: [new (...args: never[]) => Error, string][] = [
  [Deno.errors.IsADirectory, "it is a directory"],
  [Deno.errors.NotADirectory, "a file stands where a directory should be"],
  [Deno.errors.AlreadyExists, "it already exists"],
  [Deno.errors.PermissionDenied, "the operating system denied access (check its mode)"],
  [Deno.errors.NotFound, "no such file"],
];

/** Deno's file operations (as its messages name them), by what caro was doing. */
const READ_OPS = new Set(["readfile", "readdir", "lstat", "stat", "realpath", "readlink"]);
const WRITE_OPS = new Set([
  "mkdir",
  "writefile",
  "rename",
  "link",
  "symlink",
  "remove",
  "copyfile",
  "truncate",
  "chmod",
  "chown",
  "utime",
]);

/**
 * The {@link FileProblem} that an error thrown by one of Deno's file
 * operations stands for: a directory, a file or a missing path where caro
 * needed something else, or a permission the operating system denied. A file
 * in the way of a directory is found by looking at the path and its parents
 * (`lstat`), so the message names the culprit. `undefined` for any other
 * error, which stays what it is (a bug is not a file problem).
 *
 * @example A file where the queue directory should be
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileProblem } from "./errors.ts";
 * const data = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${data}/queue`, "");
 * const error = await Deno.mkdir(`${data}/queue`, { recursive: true }).catch((e) => e);
 * assert.equal(
 *   fileProblem(error)?.message,
 *   `Cannot write "${data}/queue": it is a file, not a directory`,
 * );
 * assert.equal(fileProblem(new TypeError("x is undefined")), undefined);
 * ```
 */
export function fileProblem(error: unknown): FileProblem | undefined {
  if (!(error instanceof Error)) return undefined;
  const known = FILE_ERRORS.find(([kind]) => error instanceof kind);
  const named = /\(os error \d+\): (\w+) '(.*?)'(?: -> '(.*)')?$/s.exec(error.message);
  if (!known || !named) return undefined;
  const [, op, from, to] = named;
  const path = error instanceof Deno.errors.NotFound ? from : to ?? from;
  const action = READ_OPS.has(op)
    ? "read"
    : WRITE_OPS.has(op)
    ? "write"
    : op === "open"
    ? "open"
    : "use";
  const inTheWay = error instanceof Deno.errors.NotADirectory ||
      (error instanceof Deno.errors.AlreadyExists && op === "mkdir")
    ? notADirectory(path)
    : undefined;
  return new FileProblem(action, path, inTheWay ?? known[1], error);
}

/**
 * What stands where a directory should be on `path`: the path itself or the
 * nearest parent that exists and is no directory (`undefined` if none is seen).
 */
function notADirectory(path: string): string | undefined {
  for (let at = path; at !== ""; at = at.slice(0, Math.max(0, at.search(/[\\/][^\\/]*$/)))) {
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(at);
    } catch {
      continue; // absent or not to be looked at: try its parent
    }
    if (info.isDirectory) return undefined;
    const what = info.isSymlink ? "a symbolic link" : "a file";
    return at === path ? `it is ${what}, not a directory` : `"${at}" is ${what}, not a directory`;
  }
  return undefined;
}

/**
 * Why a file operation failed, for a message about a file the user named:
 * the {@link fileProblem} wording when Deno's error is one caro knows,
 * otherwise the error's own message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { whyFileFailed } from "./errors.ts";
 * const error = await Deno.readTextFile("/no/such/file").catch((e) => e);
 * assert.equal(whyFileFailed(error), "no such file");
 * ```
 */
export function whyFileFailed(error: unknown): string {
  return fileProblem(error)?.why ?? (error instanceof Error ? error.message : String(error));
}
