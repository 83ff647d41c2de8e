package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux event pub|sub} (flux-core src/cmd/flux-event.c). */
@Command(name = "event",
        synopsisSubcommandLabel = "COMMAND",
        description = "Send and receive Flux events.",
        subcommands = {
            EventPubCommand.class,
            EventSubCommand.class,
        })
final class EventCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
