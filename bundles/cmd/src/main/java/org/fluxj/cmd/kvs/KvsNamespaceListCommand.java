package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;

/** {@code flux kvs namespace list}: NAMESPACE, OWNER, FLAGS as flux-core prints them. */
@Command(name = "list", description = "List namespaces.")
final class KvsNamespaceListCommand extends AbstractCommand {
    @Override
    public Integer call() {
        JsonNode r = rpc("flux_kvs_namespace_list", "kvs.namespace-list", Json.object(), 0);
        out().println("NAMESPACE                                 OWNER      FLAGS");
        for (JsonNode n : r.path("namespaces")) {
            out().println(String.format("%-36s %10d 0x%08X", n.path("namespace").asText(),
                    Integer.toUnsignedLong(n.path("owner").asInt()), n.path("flags").asInt()));
        }
        out().flush();
        return 0;
    }
}
