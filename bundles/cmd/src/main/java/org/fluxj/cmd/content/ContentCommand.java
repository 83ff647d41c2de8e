package org.fluxj.cmd.content;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux content load|store|flush|dropcache|checkpoint} (flux-core src/cmd/builtin/content.c). */
@Command(name = "content", synopsisSubcommandLabel = "COMMAND", description = "Access content store.")
public final class ContentCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("load", ContentLoadCommand.class,
                "store", ContentStoreCommand.class,
                "flush", ContentFlushCommand.class,
                "dropcache", ContentDropcacheCommand.class,
                "checkpoint", ContentCheckpointCommand.class);
    }
}
