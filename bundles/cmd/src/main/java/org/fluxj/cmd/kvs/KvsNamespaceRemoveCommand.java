package org.fluxj.cmd.kvs;

import java.util.List;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux kvs namespace remove NAME...}. */
@Command(name = "remove", description = "Remove a KVS namespace.")
final class KvsNamespaceRemoveCommand extends AbstractCommand {
    @Parameters(paramLabel = "name", arity = "1..*")
    List<String> names;

    @Override
    public Integer call() {
        for (String name : names) {
            try {
                Rpc.await(handle().rpc("kvs.namespace-remove", Json.object().put("namespace", name), 0));
            } catch (java.io.IOException e) {
                throw fail("%s: %s", name, e.getMessage());
            }
        }
        return 0;
    }
}
