package org.fluxj.cmd.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.cmd.Remainder;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux admin cleanup-push [COMMAND...]}: a command to run after the initial program
 * exits, before rc3, put before those pushed earlier; without COMMAND, one command per line
 * of standard input, kept in their order.
 */
@Command(name = "cleanup-push", description = "Add a command to run after the initial program, before rc3.",
        modelTransformer = Remainder.class)
final class AdminCleanupPushCommand extends AbstractCommand implements Argparse {

    @Parameters(paramLabel = "cmdline", arity = "0..*", description = "Command line")
    List<String> cmdline = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<String> commands = new ArrayList<>();
        if (!cmdline.isEmpty()) {
            commands.add(String.join(" ", cmdline));
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line.strip());
            }
        }
        // each is pushed to the front: push the block reversed to keep its order
        ArrayNode a = Json.array();
        for (int i = commands.size() - 1; i >= 0; i--) {
            a.add(commands.get(i));
        }
        rpcNoPayload("runat.push", "runat.push", Json.object().put("name", "cleanup").set("commands", a));
        return 0;
    }
}
