package org.fluxj.cmd;

import java.io.IOException;
import org.fluxj.client.Handle;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;

/** {@code flux content load|store|flush|dropcache|checkpoint} (flux-core src/cmd/builtin/content.c). */
@Command(name = "content", synopsisSubcommandLabel = "COMMAND", description = "Access content store.",
        subcommands = {ContentLoadCommand.class, ContentStoreCommand.class, ContentFlushCommand.class,
            ContentDropcacheCommand.class, ContentCheckpointCommand.class})
final class ContentCommand extends FluxCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }

    /** A raw RPC: content.load/store take and give raw payloads (RFC 10). */
    static Message raw(FluxCommand cmd, Handle h, String topic, byte[] payload) {
        try {
            return Handle.get(h.rpcRaw(topic, payload, Message.NODEID_ANY));
        } catch (IOException e) {
            throw new CommandException(topic + ": " + e.getMessage());
        }
    }
}
