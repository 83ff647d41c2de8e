package org.fluxj.cmd.resource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.PyFormat;
import org.fluxj.formats.hostlist.Hostlist;
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
            // queue and properties are hidden while empty ("?:"), as they are without queues or properties
            case "default" -> "{state:>10} {nnodes:>6} {ncores:>6} {ngpus:>5} {nodelist}";
            case "rlist" -> "{state:>10} {nnodes:>6} {ncores:>6} {ngpus:>5} {rlist}";
            default -> output.format;
        };
        PyFormat f = format(fmt, HEADINGS.keySet());
        Map<String, ResourceSet> sets = schedStatus();
        List<String> want = List.of(states.split(","));
        for (String s : want) {
            if (!sets.containsKey(s)) {
                throw new CommandException("ERROR: Invalid resource state " + s + " specified");
            }
        }
        if (!output.noHeader) {
            out().println(f.header(HEADINGS));
        }
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
            v.put("ranks", r.ranks().encode(org.fluxj.formats.idset.IdSet.Flag.RANGE));
            v.put("rlist", r.dumps());
            out().println(f.format(v));
        }
        return 0;
    }
}
