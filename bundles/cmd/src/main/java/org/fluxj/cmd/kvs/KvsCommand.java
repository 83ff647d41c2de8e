package org.fluxj.cmd.kvs;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux kvs}: the KVS (flux-core src/cmd/flux-kvs.c, doc/man1/flux-kvs.rst). */
@Command(name = "kvs",
        synopsisSubcommandLabel = "COMMAND",
        description = "Flux key-value store utility.")
public final class KvsCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("get", KvsGetCommand.class,
                "put", KvsPutCommand.class,
                "dir", KvsDirCommand.class,
                "ls", KvsLsCommand.class,
                "unlink", KvsUnlinkCommand.class,
                "link", KvsLinkCommand.class,
                "readlink", KvsReadlinkCommand.class,
                "mkdir", KvsMkdirCommand.class,
                "copy", KvsCopyCommand.class,
                "move", KvsMoveCommand.class,
                "getroot", KvsGetrootCommand.class,
                "version", KvsVersionCommand.class,
                "wait", KvsWaitCommand.class,
                "sync", KvsSyncCommand.class,
                "dropcache", KvsDropcacheCommand.class,
                "namespace", KvsNamespaceCommand.class,
                "eventlog", KvsEventlogCommand.class);
    }
}
