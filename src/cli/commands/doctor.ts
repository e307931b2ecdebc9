import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";
import type { DoctorOptions } from "../../doctor/doctor_command.ts";

/** `caro doctor`: diagnose this CARO install: platform, shell, backend, config. */
export function doctorCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("doctor")
    .description("diagnose this CARO install: platform, shell, backend, config")
    .option("--markdown", "print the result as markdown, for pasting into a GitHub issue")
    .addHelpText(
      "after",
      "\nExit status: 0 all checks ok, 1 a warning or failure, 2 usage error.\n" +
        "Use the global --json for the versioned JSON (contracts/doctor.schema.json), -v for detail.",
    )
    .action(bind(async (options: DoctorOptions, ctx, args) => {
      const { runDoctorCommand } = await import("../../doctor/doctor_command.ts");
      return runDoctorCommand(options, ctx, args);
    }));
}
