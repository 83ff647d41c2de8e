package org.fluxj.cmd.r;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.rset.ResourceSet;

/** What the {@code flux R} subcommands share: R objects read from stdin, R printed on stdout. */
final class RInput {
    private RInput() {
    }

    /** Every R object concatenated on stdin; at least one. */
    static List<ResourceSet> readAll() throws IOException {
        String text = readStdin();
        try {
            return ResourceSet.parseStream(text);
        } catch (FormatException e) {
            String msg = e.getMessage();
            if (msg.startsWith("R: no R object: ")) {
                throw new CommandException("Failed to read an R object: " + msg.substring("R: no R object: ".length()));
            }
            throw new CommandException("Failed to decode R on stdin: " + msg.replaceFirst("^R: ", ""));
        }
    }

    static String readStdin() throws IOException {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Folds the R objects on stdin with {@code fn}, requiring at least {@code min} of them. */
    static ResourceSet transform(String cmd, int min, BinaryOperator<ResourceSet> fn) throws IOException {
        List<ResourceSet> all = readAll();
        if (all.size() < min) {
            throw new CommandException(cmd + " requires at least " + min + " resource sets");
        }
        ResourceSet result = all.get(0);
        for (int i = 1; i < all.size(); i++) {
            result = fn.apply(result, all.get(i));
        }
        return result;
    }

    /** The union of all R objects on stdin. */
    static ResourceSet union() throws IOException {
        return transform("union", 1, ResourceSet::union);
    }

    static void puts(PrintWriter out, ResourceSet rl) {
        out.println(rl.encode());
    }

    /**
     * The set with properties given as "NAME[:RANKS]" (all ranks when RANKS is omitted); a later
     * NAME replaces an earlier one, as in flux-core.
     */
    static ResourceSet withProperties(ResourceSet rl, List<String> specs) {
        String all = rl.ranks().encode(IdSet.Flag.RANGE);
        Map<String, String> props = new LinkedHashMap<>();
        for (String s : specs) {
            int colon = s.indexOf(':');
            String name = colon < 0 ? s : s.substring(0, colon);
            props.remove(name);
            props.put(name, colon < 0 ? all : s.substring(colon + 1));
        }
        try {
            return rl.withProperties(props);
        } catch (FormatException e) {
            throw new CommandException("failed to assign properties: " + e.getMessage());
        }
    }
}
