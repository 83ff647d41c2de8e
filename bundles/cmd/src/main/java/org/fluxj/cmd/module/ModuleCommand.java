package org.fluxj.cmd.module;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/**
 * {@code flux module}: list, load, remove, reload, stats and debug (flux-core src/cmd/flux-module.c).
 * Without a subcommand the usage is shown and the status is 1.
 */
@Command(name = "module",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage broker modules.")
public final class ModuleCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("list", ModuleListCommand.class,
                "load", ModuleLoadCommand.class,
                "remove", ModuleRemoveCommand.class,
                "reload", ModuleReloadCommand.class,
                "stats", ModuleStatsCommand.class,
                "debug", ModuleDebugCommand.class);
    }
}
