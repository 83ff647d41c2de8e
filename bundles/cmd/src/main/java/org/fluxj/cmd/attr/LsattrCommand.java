package org.fluxj.cmd.attr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux lsattr [-v]}: the attribute names, sorted, with values ("-" if none). */
@Command(name = "lsattr", description = "List broker attributes.")
public final class LsattrCommand extends AbstractCommand {

    @Option(names = {"-v", "--values"}, description = "List values with attributes.")
    boolean values;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        rpc("attr.list", "attr.list", null).path("names").forEach(n -> names.add(n.asText()));
        names.sort(null);
        for (String name : names) {
            if (values) {
                out().printf("%-40s%s%n", name, value(name));
            } else {
                out().println(name);
            }
        }
        return 0;
    }

    private String value(String name) {
        ObjectNode o = Json.object();
        o.put("name", name);
        try {
            JsonNode r = handle().rpcGetJson("attr.get", o, Message.NODEID_ANY);
            return r.path("value").asText("-");
        } catch (IOException e) {
            return "-";
        }
    }
}
