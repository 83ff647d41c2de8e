package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux content flush}: returns once every store of the local cache is acknowledged upstream. */
@Command(name = "flush", description = "Flush dirty entries from local content cache.")
final class ContentFlushCommand extends FluxCommand {
    @Override
    public Integer call() {
        rpcNoPayload("content.flush", "content.flush", null);
        return 0;
    }
}
