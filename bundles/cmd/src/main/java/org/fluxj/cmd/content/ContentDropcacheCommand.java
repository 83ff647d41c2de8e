package org.fluxj.cmd.content;

import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;

/** {@code flux content dropcache}: the local cache drops what can be dropped without loss. */
@Command(name = "dropcache", description = "Drop non-essential entries from local content cache.")
final class ContentDropcacheCommand extends AbstractCommand {
    @Override
    public Integer call() {
        rpcNoPayload("content.dropcache", "content.dropcache", null);
        return 0;
    }
}
