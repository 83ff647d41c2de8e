package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;

/** {@code flux kvs namespace list}: NAMESPACE, OWNER, FLAGS as flux-core prints them. */
@Command(name = "list", description = "List namespaces.")
final class KvsNamespaceListCommand extends AbstractCommand {
    @Override
    public Integer call() {
        JsonNode namespaces;
        try {
            namespaces = Kvs.namespaceList(handle());
        } catch (IOException e) {
            throw fail("flux_kvs_namespace_list: %s", e.getMessage());
        }
        out().println("NAMESPACE                                 OWNER      FLAGS");
        for (JsonNode n : namespaces) {
            out().println(String.format("%-36s %10d 0x%08X", n.path("namespace").asText(),
                    Integer.toUnsignedLong(n.path("owner").asInt()), n.path("flags").asInt()));
        }
        out().flush();
        return 0;
    }
}
