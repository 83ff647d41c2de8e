package org.fluxj.cmd.kvs;

import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import picocli.CommandLine.Command;

/** {@code flux kvs version}: the namespace's root sequence number. */
@Command(name = "version", description = "Display current KVS version.")
final class KvsVersionCommand extends AbstractKvsCommand {
    @Override
    public Integer call() {
        try {
            out().println(Kvs.getroot(handle(), ns()).path("rootseq").asLong());
        } catch (IOException e) {
            throw fail("flux_kvs_get_version: %s", e.getMessage());
        }
        out().flush();
        return 0;
    }
}
