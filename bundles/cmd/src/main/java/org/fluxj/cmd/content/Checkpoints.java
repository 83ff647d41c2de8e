package org.fluxj.cmd.content;

import java.io.IOException;
import org.fluxj.client.Handle;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.CommandException;

/** What the commands that write a KVS checkpoint check first. */
final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Fails unless the kvs module is unloaded: a checkpoint written under a running kvs would be
     * overwritten by its next one.
     */
    static void requireKvsUnloaded(Handle h, String message) {
        boolean loaded;
        try {
            loaded = Kvs.isLoaded(h);
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        if (loaded) {
            throw new CommandException(message);
        }
    }
}
