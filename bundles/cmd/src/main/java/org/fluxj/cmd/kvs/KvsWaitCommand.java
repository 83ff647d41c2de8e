package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux kvs wait VERSION}: returns once the namespace's version reaches VERSION. */
@Command(name = "wait", description = "Wait until KVS version reaches N.")
final class KvsWaitCommand extends AbstractKvsCommand {
    @Parameters(paramLabel = "version")
    int version;

    @Override
    public Integer call() {
        ObjectNode o = Json.object();
        o.put("rootseq", version);
        o.put("namespace", ns());
        try {
            handle().rpcGetJson("kvs.wait-version", o, Message.NODEID_ANY);
        } catch (IOException e) {
            throw fail("flux_kvs_wait_version: %s", e.getMessage());
        }
        return 0;
    }
}
