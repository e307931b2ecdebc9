/**
 * Context pass: secrets recognised by what surrounds them rather than by a
 * format of their own. Each concept is a rule file; this file only fixes the
 * order in which they run, because on the span board an earlier redaction
 * wins over a later one that overlaps it in part:
 *
 * | rule file                 | what it recognises                                                    |
 * | ------------------------- | --------------------------------------------------------------------- |
 * | `authorization.ts`        | Authorization schemes, cookies                                        |
 * | `connection_passwords.ts` | `.pgpass` lines, Oracle JDBC `user/pass@`                             |
 * | `secret_assignments.ts`   | `NAME=VALUE`, `name: value` … for secret-named NAME, in every syntax  |
 * | `code_declarations.ts`    | quoted keys with blanks, typed declarations, name/value call arguments |
 * | `prose_secrets.ts`        | "set NAME to VALUE", "my password is X"                               |
 * | `secret_flags.ts`         | `--api-key=X`, `-token X`, `/p:X`                                     |
 * | `config_name_value.ts`    | k8s `name:`/`value:`, `<add key value>`, `<password>X</password>`     |
 * | `password_arguments.ts`   | SQL `IDENTIFIED BY`, `auth=(u, p)`, `ConvertTo-SecureString`          |
 * | `stdin_passwords.ts`      | `echo X \| sudo -S`, here-strings                                     |
 * | `command_passwords.ts`    | password options and positions of known commands, any CLI's `-u u:p` |
 * | `mentioned_tokens.ts`     | a random token after a secret word, a bare AWS secret key             |
 *
 * The value after a name is read by `secret_value.ts`.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { authorizationPass } from "./authorization.ts";
import { connectionPasswordPass } from "./connection_passwords.ts";
import { secretAssignmentPass } from "./secret_assignments.ts";
import { codeDeclarationPass } from "./code_declarations.ts";
import { proseKeywordPass, proseSetPass } from "./prose_secrets.ts";
import { secretFlagPass } from "./secret_flags.ts";
import { k8sEnvPass, xmlElementPass, xmlKeyValuePass } from "./config_name_value.ts";
import { authTuplePass, secureStringPass, sqlPasswordPass } from "./password_arguments.ts";
import { echoPipePass, hereStringPass } from "./stdin_passwords.ts";
import { commandPasswordPass } from "./command_passwords.ts";
import { mentionedTokenPass } from "./mentioned_tokens.ts";

/** The context rules, in the order they run. */
export const CONTEXT_PASSES: readonly ((board: SpanBoard) => void)[] = [
  authorizationPass,
  connectionPasswordPass,
  secretAssignmentPass,
  codeDeclarationPass,
  proseSetPass,
  secretFlagPass,
  k8sEnvPass,
  proseKeywordPass,
  sqlPasswordPass,
  xmlKeyValuePass,
  authTuplePass,
  hereStringPass,
  xmlElementPass,
  secureStringPass,
  echoPipePass,
  commandPasswordPass,
  mentionedTokenPass,
];

/**
 * Runs the context rules over `board`.
 *
 * @example A password variable before a command
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { contextPass } from "./context.ts";
 * const board = new SpanBoard("PGPASSWORD=Xk2pq9Ln psql -h db -U app");
 * contextPass(board);
 * assert(board.render().text === "PGPASSWORD=<PASSWORD> psql -h db -U app");
 * ```
 */
export function contextPass(board: SpanBoard): void {
  for (const pass of CONTEXT_PASSES) pass(board);
}
