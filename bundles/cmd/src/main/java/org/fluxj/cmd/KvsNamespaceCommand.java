package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux kvs namespace create|remove|list}. */
@Command(name = "namespace", synopsisSubcommandLabel = "COMMAND", description = "Perform KVS namespace operations.",
        subcommands = {KvsNamespaceCreateCommand.class, KvsNamespaceRemoveCommand.class, KvsNamespaceListCommand.class})
final class KvsNamespaceCommand extends FluxCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
