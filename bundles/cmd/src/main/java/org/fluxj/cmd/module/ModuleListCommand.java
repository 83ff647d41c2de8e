package org.fluxj.cmd.module;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux module list [-l]}: flux-core's lsmod columns. */
@Command(name = "list", description = "List loaded modules.")
final class ModuleListCommand extends AbstractCommand {
    private static final int MAX_IDLE = 99;

    @Option(names = {"-l", "--long"}, description = "Include full path for each module.")
    boolean longFormat;

    @Override
    public Integer call() {
        JsonNode mods = rpc("list", "module.list", null).path("mods");
        if (longFormat) {
            out().printf("%-25.25s %4s  %c %s %s %-8s %s%n", "Module", "Idle", 'S', "Sendq", "Recvq", "Service",
                    "Path");
        } else {
            out().printf("%-25s %4s  %c %s %s %s%n", "Module", "Idle", 'S', "Sendq", "Recvq", "Service");
        }
        for (JsonNode m : mods) {
            String name = m.path("name").asText();
            int idle = m.path("idle").asInt();
            String idleS = idle <= MAX_IDLE ? Integer.toString(idle) : "idle";
            char state = "IRFX".charAt(Math.max(0, Math.min(3, m.path("status").asInt())));
            String services = services(m.path("services"), name, longFormat ? 8 : 0);
            if (longFormat) {
                out().printf("%-25.25s %4s  %c %5d %5d %-8s %s%n", name, idleS, state, m.path("sendqueue").asInt(),
                        m.path("recvqueue").asInt(), services, m.path("path").asText());
            } else {
                out().printf("%-25.25s %4s  %c %5d %5d %s%n", name, idleS, state, m.path("sendqueue").asInt(),
                        m.path("recvqueue").asInt(), services);
            }
        }
        return 0;
    }

    /** lsmod_services_string: the services but the module's own name, comma separated, cut at maxcol. */
    static String services(JsonNode services, String skip, int maxcol) {
        List<String> names = new ArrayList<>();
        services.forEach(s -> {
            if (!s.asText().equals(skip)) {
                names.add(s.asText());
            }
        });
        String s = String.join(",", names);
        if (maxcol > 0 && s.length() > maxcol) {
            s = s.substring(0, maxcol - 1) + "+";
        }
        return s;
    }
}
