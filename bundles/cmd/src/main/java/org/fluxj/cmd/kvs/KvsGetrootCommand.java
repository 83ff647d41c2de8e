package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux kvs getroot [-o|-b|-s]}: the root as a dirref, its blobref, sequence or owner. */
@Command(name = "getroot", description = "Get KVS root treeobj.")
final class KvsGetrootCommand extends AbstractKvsCommand {
    @Option(names = {"-o", "--owner"}, description = "Show owner of namespace")
    boolean owner;
    @Option(names = {"-b", "--blobref"}, description = "Show root as a blobref")
    boolean blobref;
    @Option(names = {"-s", "--sequence"}, description = "Show sequence number")
    boolean sequence;

    @Override
    public Integer call() {
        JsonNode r;
        try {
            r = Kvs.getroot(handle(), ns());
        } catch (IOException e) {
            throw fail("flux_kvs_getroot: %s", e.getMessage());
        }
        if (sequence) {
            out().println(r.path("rootseq").asLong());
        } else if (owner) {
            out().println(Integer.toUnsignedLong(r.path("owner").asInt()));
        } else if (blobref) {
            out().println(r.path("rootref").asText());
        } else {
            out().println(dirref(r.path("rootref").asText()));
        }
        out().flush();
        return 0;
    }
}
