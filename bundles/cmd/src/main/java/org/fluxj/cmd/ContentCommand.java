package org.fluxj.cmd;

import java.io.IOException;
import java.util.Map;
import org.fluxj.client.Handle;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
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

    /** The instance's {@code content.hash}: the algorithm blobrefs are made with. */
    static BlobRef.Algorithm hashAlgorithm(FluxCommand cmd) {
        try {
            return BlobRef.Algorithm.byName(cmd.getattr("content.hash"));
        } catch (FormatException e) {
            throw new CommandException(e.getMessage());
        }
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
