package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux kvs mkdir KEY...}: empty directories, one commit. */
@Command(name = "mkdir", description = "Create a directory.")
final class KvsMkdirCommand extends KvsCommitSubcommand {
    @Parameters(paramLabel = "key", arity = "1..*")
    List<String> keys;

    @Override
    public Integer call() {
        ArrayNode ops = Json.array();
        keys.forEach(k -> ops.add(Kvs.op(k, 0, TreeObj.Dir.empty())));
        commitAndFinish(0, ops);
        out().flush();
        return 0;
    }
}
