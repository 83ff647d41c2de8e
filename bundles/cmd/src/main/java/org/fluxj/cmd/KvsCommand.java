package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux kvs}: the KVS (flux-core src/cmd/flux-kvs.c, doc/man1/flux-kvs.rst). */
@Command(name = "kvs",
        synopsisSubcommandLabel = "COMMAND",
        description = "Flux key-value store utility.",
        subcommands = {
            KvsGetCommand.class,
            KvsPutCommand.class,
            KvsDirCommand.class,
            KvsLsCommand.class,
            KvsUnlinkCommand.class,
            KvsLinkCommand.class,
            KvsReadlinkCommand.class,
            KvsMkdirCommand.class,
            KvsCopyCommand.class,
            KvsMoveCommand.class,
            KvsGetrootCommand.class,
            KvsVersionCommand.class,
            KvsWaitCommand.class,
            KvsSyncCommand.class,
            KvsDropcacheCommand.class,
            KvsNamespaceCommand.class,
            KvsEventlogCommand.class,
        })
final class KvsCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
