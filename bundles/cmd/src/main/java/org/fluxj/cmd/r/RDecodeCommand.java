package org.fluxj.cmd.r;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux R decode}: the union of the R objects on stdin, filtered, printed or summarized. */
@Command(name = "decode",
        description = {"Return the union of all R objects on stdin and print details or summary of the result."
                + " By default an RFC 20 JSON object is emitted on stdout, unless one or more options below are used"})
final class RDecodeCommand extends AbstractCommand {

    @Option(names = {"-s", "--short"}, description = "Print short-form representation of R")
    boolean shortForm;

    @Option(names = {"-n", "--nodelist"}, description = "Print nodelist in hostlist form from R, if any")
    boolean nodelist;

    @Option(names = {"-r", "--ranks"}, description = "Print ranks in idset form from R, if any")
    boolean ranks;

    @Option(names = {"-c", "--count"}, paramLabel = "TYPE",
            description = "Print count of resource TYPE in R (node, core, gpu)")
    String count;

    @Option(names = {"-i", "--include"}, paramLabel = "RANKS", description = "Include only specified ranks.")
    String include;

    @Option(names = {"-x", "--exclude"}, paramLabel = "RANKS", description = "Exclude specified ranks.")
    String exclude;

    @Option(names = {"-p", "--properties"}, paramLabel = "LIST", description = "Filter on properties")
    String properties;

    @Override
    public Integer call() throws IOException {
        ResourceSet rl = RInput.union();
        if (properties != null) {
            List<String> constraint = new ArrayList<>();
            for (String p : properties.split(",")) {
                if (!p.isEmpty()) {
                    constraint.add(p);
                }
            }
            try {
                rl = rl.copyProperties(constraint);
            } catch (FormatException e) {
                throw fail("Invalid property constraint: %s", e.getMessage());
            }
        }
        if (include != null) {
            rl = rl.copyRanks(ids(include, "Invalid ranks option: '%s'"));
        }
        if (exclude != null) {
            rl = rl.removeRanks(ids(exclude, "Invalid idset in --exclude option: %s"));
        }
        int lines = 0;
        if (shortForm) {
            out().println(rl.dumps());
            lines++;
        }
        if (nodelist) {
            String hl = rl.nodelist().map(Hostlist::encode).orElseThrow(() -> fail("rlist_nodelist: R has no nodelist"));
            out().println(hl);
            lines++;
        }
        if (ranks) {
            out().println(rl.ranks().encode(IdSet.Flag.RANGE));
            lines++;
        }
        if (count != null) {
            long n = switch (count) {
                case "node" -> rl.nnodes();
                default -> rl.count(count);
            };
            out().println(n);
            lines++;
        }
        if (lines == 0) {
            RInput.puts(out(), rl);
        }
        return 0;
    }

    private IdSet ids(String s, String message) {
        try {
            return IdSet.decode(s);
        } catch (FormatException e) {
            throw fail(message, s);
        }
    }
}
