package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;

/** {@code flux kvs move SRC DST}: copy, then unlink the source (flux_kvs_move). */
@Command(name = "move", description = "Move source key to destination key.")
final class KvsMoveCommand extends KvsCopyCommand {
    @Override
    public Integer call() {
        copy();
        ArrayNode ops = Json.array();
        ops.add(Kvs.op(source, 0, null));
        commit(Kvs.namespace(srcNamespace), 0, ops);
        return 0;
    }
}
