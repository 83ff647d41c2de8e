package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code flux kvs namespace create|remove|list}. */
@Command(name = "namespace", synopsisSubcommandLabel = "COMMAND", description = "Perform KVS namespace operations.")
final class KvsNamespaceCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("create", KvsNamespaceCreateCommand.class,
                "remove", KvsNamespaceRemoveCommand.class,
                "list", KvsNamespaceListCommand.class);
    }
}
