// PLACEHOLDER: replaced by the owner of this command.
import type { CliContext } from "../../cli/context.ts";
import { CaroError } from "../../errors.ts";

/** Not built yet. */
export function runCasesCommand(
  _options: unknown,
  _ctx: CliContext,
  _args: string[],
): Promise<number> {
  return Promise.reject(new CaroError("this command is not built yet"));
}
