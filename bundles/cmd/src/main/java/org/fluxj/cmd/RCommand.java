package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux R}: read, generate and process RFC 20 resource set objects. */
@Command(name = "R",
        synopsisSubcommandLabel = "COMMAND",
        description = "Read, generate, and process RFC 20 Resource Set objects.",
        subcommands = {
            REncodeCommand.class,
            RAppendCommand.class,
            RDiffCommand.class,
            RIntersectCommand.class,
            RRemapCommand.class,
            RRerankCommand.class,
            RDecodeCommand.class,
            RVerifyCommand.class,
            RSetPropertyCommand.class,
            RParseConfigCommand.class,
        })
public final class RCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
