import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro config [set|unset|path]`: show or change caro's configuration. */
export function configCommand({ bind }: CommandDefinitionContext): Command {
  const load = () => import("../../healing/config/config_command.ts");
  type NoOptions = Record<string, never>;
  return new Command("config")
    .description("show the effective healing settings and where each comes from")
    .action(bind(async (o: NoOptions, ctx, args) => (await load()).runConfigCommand(o, ctx, args)))
    .addCommand(
      new Command("set")
        .description(
          "set one key of config.toml, e.g. caro config set healing.consent_level minimal",
        )
        .argument("<key>", "section.key")
        .argument("<value>", "the new value, checked as caro reads it")
        .action(bind(async (o: NoOptions, ctx, args) => (await load()).runConfigSet(o, ctx, args)))
        .exitOverride(),
    )
    .addCommand(
      new Command("unset")
        .description("remove one key from config.toml (its default applies again)")
        .argument("<key>", "section.key")
        .action(bind(async (o: NoOptions, ctx, args) => (await load()).runConfigSet(o, ctx, args)))
        .exitOverride(),
    )
    .addCommand(
      new Command("path")
        .description("print the config file caro reads (or would create)")
        .action(bind(async (o: NoOptions, ctx, args) => (await load()).runConfigPath(o, ctx, args)))
        .exitOverride(),
    );
}
