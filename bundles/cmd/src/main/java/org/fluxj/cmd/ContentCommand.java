package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code flux content load|store|flush|dropcache|checkpoint} (flux-core src/cmd/builtin/content.c). */
@Command(name = "content", synopsisSubcommandLabel = "COMMAND", description = "Access content store.")
final class ContentCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("load", ContentLoadCommand.class,
                "store", ContentStoreCommand.class,
                "flush", ContentFlushCommand.class,
                "dropcache", ContentDropcacheCommand.class,
                "checkpoint", ContentCheckpointCommand.class);
    }
}
