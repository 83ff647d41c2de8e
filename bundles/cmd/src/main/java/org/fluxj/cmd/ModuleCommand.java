package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code flux module}: list, load, remove, reload, stats and debug (flux-core src/cmd/flux-module.c).
 * Without a subcommand the usage is shown and the status is 1.
 */
@Command(name = "module",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage broker modules.")
final class ModuleCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("list", ModuleListCommand.class,
                "load", ModuleLoadCommand.class,
                "remove", ModuleRemoveCommand.class,
                "reload", ModuleReloadCommand.class,
                "stats", ModuleStatsCommand.class,
                "debug", ModuleDebugCommand.class);
    }
}
