package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Option;

/** What every {@code flux kvs} subcommand shares: {@code -N NAMESPACE} and errors as "KEY: reason". */
abstract class KvsSubcommand extends FluxCommand {

    @Option(names = {"-N", "--namespace"}, paramLabel = "NAME", description = "Specify KVS namespace to use.")
    String namespaceOption;

    String ns() {
        return Kvs.namespace(namespaceOption);
    }

    /** A lookup whose failure ends the command as "KEY: reason". */
    TreeObj lookup(String key, int flags) {
        try {
            return Kvs.lookup(handle(), ns(), key, flags);
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
    }

    TreeObj lookupAt(String at, String key, int flags) {
        try {
            return at == null ? Kvs.lookup(handle(), ns(), key, flags) : Kvs.lookupAt(handle(), at, key, flags);
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
    }

    JsonNode commit(String ns, int flags, ArrayNode ops) {
        try {
            return Kvs.commit(handle(), ns, flags, ops);
        } catch (IOException e) {
            throw fail("flux_kvs_commit: %s", e.getMessage());
        }
    }
}
