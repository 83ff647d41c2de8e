package org.fluxj.cmd.kvs;

import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import picocli.CommandLine.Command;

/** {@code flux kvs dropcache}: the local KVS module forgets its cached objects. */
@Command(name = "dropcache", description = "Tell KVS to drop its cache.")
final class KvsDropcacheCommand extends AbstractKvsCommand {
    @Override
    public Integer call() {
        try {
            Kvs.dropcache(handle());
        } catch (IOException e) {
            throw fail("flux_kvs_dropcache: %s", e.getMessage());
        }
        return 0;
    }
}
