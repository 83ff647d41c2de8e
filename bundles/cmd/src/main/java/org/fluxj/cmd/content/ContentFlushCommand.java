package org.fluxj.cmd.content;

import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;

/** {@code flux content flush}: returns once every store of the local cache is acknowledged upstream. */
@Command(name = "flush", description = "Flush dirty entries from local content cache.")
final class ContentFlushCommand extends AbstractCommand {
    @Override
    public Integer call() {
        rpcNoPayload("content.flush", "content.flush", null);
        return 0;
    }
}
