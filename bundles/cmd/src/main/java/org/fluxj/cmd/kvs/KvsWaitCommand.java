package org.fluxj.cmd.kvs;

import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux kvs wait VERSION}: returns once the namespace's version reaches VERSION. */
@Command(name = "wait", description = "Wait until KVS version reaches N.")
final class KvsWaitCommand extends AbstractKvsCommand {
    @Parameters(paramLabel = "version")
    int version;

    @Override
    public Integer call() {
        try {
            Kvs.waitVersion(handle(), ns(), version);
        } catch (IOException e) {
            throw fail("flux_kvs_wait_version: %s", e.getMessage());
        }
        return 0;
    }
}
