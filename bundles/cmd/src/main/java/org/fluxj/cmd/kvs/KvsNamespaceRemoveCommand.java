package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.util.List;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.AbstractCommand;
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
                Kvs.namespaceRemove(handle(), name);
            } catch (IOException e) {
                throw fail("%s: %s", name, e.getMessage());
            }
        }
        return 0;
    }
}
