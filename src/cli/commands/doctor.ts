import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro doctor`: diagnose this CARO install: platform, shell, backend, config. */
export function doctorCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("doctor")
    .description("diagnose this CARO install: platform, shell, backend, config")
    .action(bind(async (options, ctx, args) => {
      const { runDoctorCommand } = await import("../../doctor/doctor_command.ts");
      return runDoctorCommand(options, ctx, args);
    }));
}
