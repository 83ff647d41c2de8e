package org.fluxj.cmd.r;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.hwloc.Topology;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.proc.Identity;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux R encode}: generate R from ranks, hosts, cores and gpus. */
@Command(name = "encode", description = "Encode RFC 20 R objects for testing.")
final class REncodeCommand extends AbstractCommand {

    @Option(names = {"-r", "--ranks"}, paramLabel = "IDSET",
            description = "Generate an R with ranks in IDSET. If not provided then either match the number of"
                    + " nodes given in --hosts option, or emit a single rank: \"0\"")
    String ranks;

    @Option(names = {"-c", "--cores"}, paramLabel = "IDS",
            description = "Assign cores with IDS to each rank in R. Default is to assign a single core \"0\" to each rank.")
    String cores;

    @Option(names = {"-g", "--gpus"}, paramLabel = "IDS",
            description = "Assign gpu resources with IDS to each rank in R. Default is to assign no gpu resources.")
    String gpus;

    @Option(names = {"-H", "--hosts"}, paramLabel = "HOSTS",
            description = "Generate R with nodelist set to HOSTS. By default, duplicate the local hostname to match"
                    + " the number of ranks given in --ranks.")
    String hosts;

    @Option(names = {"-p", "--property"}, paramLabel = "NAME[:RANKS]",
            description = "Assign property NAME to target ranks RANKS. If RANKS is not specified then the property"
                    + " applies to all defined ranks. This option may be specified multiple times for each property")
    List<String> properties = new ArrayList<>();

    @Option(names = {"-l", "--local"}, description = "Generate child resources from local system")
    boolean local;

    @Option(names = {"-f", "--xml"}, paramLabel = "FILE", description = "Generate child resources from hwloc XML")
    String xml;

    @Override
    public Integer call() throws IOException {
        String g = gpus == null ? "" : gpus;
        String c = cores == null ? "" : cores;
        if (g.isEmpty() && c.isEmpty()) {
            c = "0";
        } else if (local || xml != null) {
            throw fail("do not specify --cores or --gpus with --local or --xml");
        }
        Topology topology = local || xml != null ? topology() : null;
        if (topology != null) {
            c = "0-" + (topology.cores() - 1);
            g = topology.gpus() == 0 ? "" : "0-" + (topology.gpus() - 1);
        }
        IdSet rankset;
        Hostlist hl;
        if (ranks == null) {
            hl = hosts != null ? hostlist(0) : localHosts(1);
            rankset = hl.isEmpty() ? new IdSet() : IdSet.range(0, hl.count() - 1);
        } else {
            try {
                rankset = IdSet.decode(ranks);
            } catch (FormatException e) {
                throw fail("Failed to decode ranks='%s' as idset", ranks);
            }
            hl = hosts != null ? hostlist((int) rankset.count()) : localHosts((int) rankset.count());
        }
        IdSet coreids;
        IdSet gpuids = null;
        try {
            coreids = IdSet.decode(c);
        } catch (FormatException e) {
            throw fail("invalid cores '%s'", c);
        }
        if (!g.isEmpty()) {
            try {
                gpuids = IdSet.decode(g);
            } catch (FormatException e) {
                throw fail("invalid gpus '%s'", g);
            }
        }
        ResourceSet rl;
        try {
            rl = ResourceSet.encode(rankset, hl, coreids, gpuids);
        } catch (FormatException e) {
            throw fail("%s", e.getMessage());
        }
        if (!properties.isEmpty()) {
            rl = RInput.withProperties(rl, properties);
        }
        RInput.puts(out(), rl);
        return 0;
    }

    /** --xml FILE ('-' for stdin), else --local: this machine as sysfs shows it. */
    private Topology topology() throws IOException {
        if (xml == null) {
            return Topology.local();
        }
        String text;
        try {
            text = xml.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(xml), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fail("%s: %s", xml, strerror(e));
        }
        try {
            return Topology.fromXml(text, xml);
        } catch (FormatException e) {
            throw fail("%s", e.getMessage());
        }
    }

    private Hostlist hostlist(int expected) {
        Hostlist hl;
        try {
            hl = Hostlist.decode(hosts);
        } catch (FormatException e) {
            throw fail("invalid hostlist '%s'", hosts);
        }
        if (expected != 0 && hl.count() != expected) {
            throw fail("hostname count in '%s' does not match nranks (%d)", hosts, expected);
        }
        return hl;
    }

    private static Hostlist localHosts(int n) throws IOException {
        String host = Identity.hostname();
        Hostlist hl = new Hostlist();
        try {
            for (int i = 0; i < n; i++) {
                hl.append(host);
            }
        } catch (FormatException e) {
            throw fail("invalid local hostname '%s'", host);
        }
        return hl;
    }
}
