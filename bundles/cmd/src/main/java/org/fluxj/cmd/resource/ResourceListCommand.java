package org.fluxj.cmd.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.OutputFormat;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flux resource list}: nodes, cores and GPUs that are free, allocated and down. */
@Command(name = "list", description = "List resource availability.")
final class ResourceListCommand extends AbstractResourceCommand {
    private static final Map<String, String> HEADINGS = headings("state", "STATE", "queue", "QUEUE",
            "properties", "PROPERTIES", "propertiesx", "PROPERTIES", "nnodes", "NNODES", "ncores", "NCORES",
            "ngpus", "NGPUS", "nodelist", "NODELIST", "ranks", "RANKS", "rlist", "LIST");

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-s", "--states"}, paramLabel = "STATE,...",
            description = "Output resources in given states (free, allocated, down, all)")
    String states = "free,allocated,down";

    @Override
    public Integer call() {
        String fmt = switch (output.format) {
            case "default" -> "{state:>10} ?+:{queue:<5} ?:{propertiesx:<10.10+} {nnodes:>6} +:{ncores:>6} "
                    + "?+:{ngpus:>5} {nodelist}";
            case "rlist" -> "{state:>10} ?+:{queue:<5} ?:{propertiesx:<10.10+} {nnodes:>6} +:{ncores:>6} "
                    + "?+:{ngpus:>5} {rlist}";
            default -> output.format;
        };
        Map<String, ResourceSet> sets = schedStatus();
        List<String> want = List.of(states.split(","));
        for (String s : want) {
            if (!sets.containsKey(s)) {
                throw new CommandException("ERROR: Invalid resource state " + s + " specified");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : want) {
            ResourceSet r = sets.get(s);
            Map<String, Object> v = new HashMap<>();
            v.put("state", s);
            v.put("queue", "");
            v.put("properties", String.join(",", r.properties().keySet()));
            v.put("propertiesx", String.join(",", r.properties().keySet()));
            v.put("nnodes", r.nnodes());
            v.put("ncores", (int) r.count("core"));
            v.put("ngpus", (int) r.count("gpu"));
            v.put("nodelist", r.nodelist().map(Hostlist::encode).orElse(""));
            v.put("ranks", r.ranks().encode(IdSet.Flag.RANGE));
            v.put("rlist", r.dumps());
            rows.add(v);
        }
        OutputFormat.render(fmt, HEADINGS, rows, output.noHeader).forEach(out()::println);
        return 0;
    }
}
