/**
 * What the doctor needs from Deno's permission system, in one place, so the
 * permission lists (src/cli/permissions.ts) can be built from it. A grant
 * that is missing makes the matching item "not collected", never a crash.
 *
 * @module
 */
import { DIR_ENV_VARS } from "../../platform/dirs.ts";
import { NO_PROXY_ENV_VARS, PROXY_ENV_VARS } from "./context_probe.ts";
import { OS_RELEASE_FILES } from "./platform_probe.ts";
import { SHELL_BINARY_PATHS } from "./shell_probe.ts";

/** Environment variables the doctor reads (besides colour and the CLI's own). */
export const DOCTOR_ENV_VARS: readonly string[] = [
  ...DIR_ENV_VARS,
  "SHELL",
  "PSModulePath",
  "ComSpec",
  "OLLAMA_HOST",
  ...PROXY_ENV_VARS,
  ...NO_PROXY_ENV_VARS,
];

/**
 * Binaries the doctor runs, by name (PATH lookup), per OS family. Never a
 * shell or an interpreter: with `--allow-run=bash`, any code in the process
 * reads any file through `bash -c` and the sandbox is gone (the shell's
 * version is read from its binary instead, see `shell_probe.ts`). Nor
 * `ollama`: `ollama create` reads any file a Modelfile names and `ollama
 * push` uploads it to any registry, and `ollama serve` opens a port: it can
 * be made to run arbitrary work (its version is not collected). Only
 * `sw_vers` on macOS, which prints the OS version and takes no program.
 */
export const DOCTOR_RUN_BINARIES: Readonly<
  Record<"linux" | "darwin" | "windows", readonly string[]>
> = {
  linux: [],
  darwin: ["sw_vers"],
  windows: [],
};

/**
 * OS files the doctor reads, per OS family (besides caro's own config, data
 * and cache dirs): the release files, and the usual shell binaries, each
 * file by name, for the version string inside them.
 */
export const DOCTOR_READ_PATHS: Readonly<
  Record<"linux" | "darwin" | "windows", readonly string[]>
> = {
  linux: [...OS_RELEASE_FILES, ...SHELL_BINARY_PATHS.linux],
  darwin: [...SHELL_BINARY_PATHS.darwin],
  windows: [],
};

/** `--allow-sys` names the doctor uses (the kernel release). */
export const DOCTOR_SYS_NAMES: readonly string[] = ["osRelease"];

/**
 * Hosts the doctor connects to by default: Ollama and vLLM on loopback. A
 * configured endpoint or `OLLAMA_HOST` elsewhere needs its own grant.
 */
export const DOCTOR_NET_HOSTS: readonly string[] = [
  "127.0.0.1:11434",
  "localhost:11434",
  "127.0.0.1:8000",
  "localhost:8000",
];
