package org.fluxj.cmd.hostlist;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code flux hostlist [OPTIONS] [SOURCES...]}: combine, filter and print RFC 29 hostlists, as
 * flux-core's flux-hostlist.py does. instance and local (outside a job) come from the broker's
 * hostlist attribute; sources that need the resource service or jobs (avail, local in a job,
 * job ids) fail with one line until the job pipeline serves them.
 */
@Command(name = "hostlist",
        description = "Manipulate and print hostlists.",
        footer = {
            "",
            "SOURCES may include:",
            "instance     hosts from the broker 'hostlist' attribute.",
            "jobid        hosts assigned to a job",
            "local        hosts assigned to current job if FLUX_JOB_ID is set, otherwise",
            "             returns the 'instance' hostlist",
            "avail[able]  instance hostlist minus those nodes down or drained",
            "stdin, '-'   read a list of hosts on stdin",
            "hosts        literal list of hosts",
            "",
            "The default when no SOURCES are supplied is 'stdin', unless the -l, --local",
            "option is used, in which case the default is 'local'.",
        })
public final class HostlistCommand extends AbstractCommand implements Argparse {

    @Option(names = {"-e", "--expand"}, description = "Expand hostlist using defined output delimiter")
    boolean expand;

    @Option(names = {"-d", "--delimiter"}, paramLabel = "S", defaultValue = " ",
            description = "Set output delimiter for expanded hostlist (default=' ')")
    String delimiter;

    @Option(names = {"-c", "--count"}, description = "Print the total number of hosts")
    boolean count;

    @Option(names = {"-n", "--nth"}, paramLabel = "[-]IDS",
            description = "Output hosts at indices in idset IDS (-IDS to index from end)")
    String nth;

    @Option(names = {"-F", "--find"}, paramLabel = "HOSTS",
            description = "Output indices of HOSTS in target in hostlist. Fails if any host is not found.")
    String find;

    @Option(names = {"-L", "--limit"}, paramLabel = "N",
            description = "Output at most N hosts (-N for the last N hosts)")
    Integer limit;

    @Option(names = {"-S", "--sort"}, description = "Return sorted result")
    boolean sort;

    @Option(names = {"-x", "--exclude"}, paramLabel = "IDS|HOSTS", converter = HostlistConverter.class,
            description = "Exclude all occurrences of HOSTS or indices from final result")
    Hostlist exclude;

    @Option(names = {"-u", "--union", "--unique"},
            description = "Return only unique hosts in the final hostlist. Without other options, this is "
                    + "the same as the union of all hostlist args (default mode is append).")
    boolean union;

    @Option(names = {"-i", "--intersect"}, description = "Return the intersection of all hostlists")
    boolean intersect;

    @Option(names = {"-m", "--minus"}, description = "Subtract all hostlist args from first argument")
    boolean minus;

    @Option(names = {"-X", "--xor"}, description = "Return the symmetric difference of all hostlists")
    boolean xor;

    @Option(names = {"-f", "--fallback"},
            description = "Fallback to treating jobids that are not found as hostnames"
                    + " (for hostnames that are also valid jobids e.g. f1, fuzz100, etc)")
    boolean fallback;

    @Option(names = {"-l", "--local"}, description = "Set the default source to 'local' instead of 'stdin'")
    boolean local;

    @Option(names = {"-q", "--quiet"},
            description = "No output. Exit with nonzero exit status if hostlist is empty")
    boolean quiet;

    @Parameters(paramLabel = "SOURCES", arity = "0..*", description = "(optional) One or more hostlist sources")
    List<String> sources = new ArrayList<>();

    /** Decodes the --exclude value at parse time, as argparse's type=Hostlist does. */
    static final class HostlistConverter implements CommandLine.ITypeConverter<Hostlist> {
        @Override
        public Hostlist convert(String value) {
            try {
                return Hostlist.decode(value);
            } catch (FormatException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws FormatException, IOException {
        if (expand && count) {
            throw new ParameterException(spec.commandLine(),
                    "argument -c/--count: not allowed with argument -e/--expand");
        }
        int modes = (intersect ? 1 : 0) + (minus ? 1 : 0) + (xor ? 1 : 0);
        if (modes > 1) {
            throw new ParameterException(spec.commandLine(),
                    "only one of -i/--intersect, -m/--minus and -X/--xor may be given");
        }
        List<String> args = sources.isEmpty() ? List.of(local ? "local" : "stdin") : sources;
        List<Hostlist> lists = new ArrayList<>();
        for (String arg : args) {
            lists.add(resolve(arg));
        }

        Hostlist hl = combine(lists);
        hl = exclude(hl);
        if (sort) {
            hl.sort();
        }
        if (union) {
            hl.uniq();
        }
        if (limit != null && limit != 0) {
            hl = limit(hl, limit);
        }
        if (nth != null) {
            hl = nth(hl, nth);
        }

        String output = null;
        if (find != null && !find.isEmpty()) {
            output = find(hl, find);
        } else if (count) {
            output = Integer.toString(hl.count());
        } else if (expand) {
            if (!hl.isEmpty()) {
                output = String.join(delimiter.replace("\\n", "\n"), hl);
            }
        } else if (!hl.isEmpty()) {
            output = hl.encode();
        }
        if (output != null && !quiet) {
            out().print(output + "\n");
        }
        return quiet && hl.isEmpty() ? 1 : 0;
    }

    private Hostlist combine(List<Hostlist> lists) {
        if (intersect || xor || minus) {
            Hostlist hl = lists.get(0);
            for (Hostlist x : lists.subList(1, lists.size())) {
                if (intersect) {
                    hl = hl.intersect(x);
                } else if (xor) {
                    hl = hl.xor(x);
                } else {
                    hl.delete(x);
                }
            }
            return hl;
        }
        Hostlist hl = new Hostlist();
        for (Hostlist x : lists) {
            append(hl, x);
        }
        return hl;
    }

    private static void append(Hostlist hl, Hostlist more) {
        try {
            hl.append(more);
        } catch (IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** Deletes every occurrence of the excluded hosts, or failing that, the excluded indices. */
    private Hostlist exclude(Hostlist hl) {
        if (exclude == null || exclude.isEmpty()) {
            return hl;
        }
        int before = hl.count();
        while (hl.delete(exclude) > 0) {
            continue;
        }
        if (hl.count() != before) {
            return hl;
        }
        // As flux-hostlist.py: the excluded "hosts", sorted as strings, read as an idset.
        List<String> names = new ArrayList<>(exclude.expand());
        names.sort(null);
        IdSet ids;
        try {
            ids = IdSet.decode(String.join(",", names));
        } catch (FormatException e) {
            return hl;
        }
        Hostlist kept = new Hostlist();
        int i = 0;
        for (String host : hl) {
            if (!ids.contains(i++)) {
                appendHost(kept, host);
            }
        }
        return kept;
    }

    private static Hostlist limit(Hostlist hl, int n) {
        int total = hl.count();
        int from = n > 0 ? 0 : Math.max(0, total + n);
        int to = n > 0 ? Math.min(n, total) : total;
        Hostlist result = new Hostlist();
        int i = 0;
        for (String host : hl) {
            if (i >= from && i < to) {
                appendHost(result, host);
            }
            i++;
        }
        return result;
    }

    private static Hostlist nth(Hostlist hl, String spec) throws FormatException {
        boolean fromEnd = spec.startsWith("-");
        IdSet ids = IdSet.decode(fromEnd ? spec.substring(1) : spec);
        int total = hl.count();
        Hostlist result = new Hostlist();
        if (fromEnd) {
            // Largest offset first, so the result keeps the order of the input.
            for (int x = ids.last(); x != IdSet.INVALID_ID; x = ids.prev(x)) {
                long index = x == 0 ? 0 : (long) total - x;
                appendHost(result, at(hl, index, -x));
            }
        } else {
            for (int x = ids.first(); x != IdSet.INVALID_ID; x = ids.next(x)) {
                appendHost(result, at(hl, x, x));
            }
        }
        return result;
    }

    private static String at(Hostlist hl, long index, int asGiven) {
        if (index < 0 || index >= hl.count()) {
            throw new CommandException(String.format("index %d out of range for hostlist of %d hosts",
                    asGiven, hl.count()));
        }
        return hl.nth((int) index);
    }

    private static String find(Hostlist hl, String hosts) throws FormatException {
        Hostlist wanted = Hostlist.decode(hosts);
        List<String> found = new ArrayList<>();
        Hostlist missing = new Hostlist();
        for (String host : wanted) {
            int i = hl.find(host);
            if (i < 0) {
                appendHost(missing, host);
            } else {
                found.add(Integer.toString(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandException(String.format("host%s '%s' not found",
                    missing.count() > 1 ? "s" : "", missing.encode()));
        }
        return String.join(" ", found);
    }

    /** Appends one host name taken from a hostlist (so it decodes as itself). */
    private static void appendHost(Hostlist hl, String host) {
        try {
            hl.append(host);
        } catch (FormatException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private Hostlist resolve(String arg) throws FormatException, IOException {
        switch (arg) {
            case "local":
                // the job's hosts come with jobs; outside a job, local is the instance
                if (System.getenv("FLUX_JOB_ID") != null) {
                    throw new CommandException("cannot get the hosts of job " + System.getenv("FLUX_JOB_ID")
                            + ": jobs are not supported yet");
                }
                return Hostlist.decode(getattr("hostlist"));
            case "instance":
                return Hostlist.decode(getattr("hostlist"));
            case "avail":
            case "available":
                throw noInstance("cannot get the '" + arg + "' hostlist", "");
            case "stdin":
            case "-":
                return readStdin();
            default:
                break;
        }
        if (looksLikeJobId(arg)) {
            if (!fallback) {
                throw noInstance("cannot look up job " + arg, "; use --fallback to read it as a host name");
            }
            // With no instance to ask, the job cannot be found: fall back as flux-core does.
        }
        return Hostlist.decode(arg);
    }

    private static CommandException noInstance(String what, String hint) {
        String uri = System.getenv("FLUX_URI");
        if (uri == null || uri.isEmpty()) {
            return new CommandException(what + ": no Flux instance is reachable (FLUX_URI is not set)" + hint);
        }
        return new CommandException(what + ": jobs and resource status come with the job pipeline" + hint);
    }

    private Hostlist readStdin() throws FormatException, IOException {
        double timeout = stdinTimeout();
        byte[] data = readWithTimeout(System.in, timeout);
        Hostlist hl = new Hostlist();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.UTF_8))) {
            for (Iterator<String> it = r.lines().iterator(); it.hasNext();) {
                String line = it.next().stripTrailing();
                append(hl, Hostlist.decode(line));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return hl;
    }

    private static double stdinTimeout() {
        String s = System.getenv("FLUX_HOSTLIST_STDIN_TIMEOUT");
        if (s == null) {
            return 15.0;
        }
        try {
            double t = Double.parseDouble(s.strip());
            if (Double.isNaN(t)) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new CommandException("invalid FLUX_HOSTLIST_STDIN_TIMEOUT '" + s + "'");
        }
    }

    /**
     * Reads all of {@code in}, but fails if nothing (not even end of file) arrives within
     * {@code timeout} seconds, as flux-hostlist.py does to avoid hanging on a terminal.
     */
    private static byte[] readWithTimeout(InputStream in, double timeout) throws IOException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                int first = in.read();
                started.countDown();
                if (first < 0) {
                    result.complete(new byte[0]);
                    return;
                }
                byte[] rest = in.readAllBytes();
                byte[] all = new byte[rest.length + 1];
                all[0] = (byte) first;
                System.arraycopy(rest, 0, all, 1, rest.length);
                result.complete(all);
            } catch (IOException | RuntimeException e) {
                started.countDown();
                result.completeExceptionally(e);
            }
        }, "flux-hostlist-stdin");
        reader.setDaemon(true);
        reader.start();
        try {
            long nanos = timeout <= 0 ? 0 : (long) Math.min(timeout * 1e9, Long.MAX_VALUE);
            if (!started.await(nanos, TimeUnit.NANOSECONDS)) {
                throw new CommandException("timeout after " + timeout + "s waiting for stdin");
            }
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while reading stdin");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CommandException("reading stdin: " + e.getCause());
        }
    }

    private static final Pattern DOTHEX = Pattern.compile("[0-9a-fA-F]{1,4}(\\.[0-9a-fA-F]{1,4}){3}");
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Whether flux would read {@code arg} as a job id (fluid_parse): decimal or 0x hex that
     * fits 64 bits, dotted hex, or F58 ({@code f} or {@code ƒ} and base58 digits). The
     * mnemonic and emoji forms are not recognized, so such names are taken as hosts.
     */
    static boolean looksLikeJobId(String arg) {
        String s = arg.stripLeading();
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf('.') >= 0) {
            return DOTHEX.matcher(s).matches();
        }
        if (s.indexOf('-') >= 0) {
            return false;
        }
        if (s.startsWith("f") || s.startsWith("\u0192")) {
            String digits = s.substring(1);
            if (digits.isEmpty() || digits.length() > 12) {
                return false;
            }
            BigInteger v = BigInteger.ZERO;
            for (int i = 0; i < digits.length(); i++) {
                int d = BASE58.indexOf(digits.charAt(i));
                if (d < 0) {
                    return false;
                }
                v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
            }
            return v.compareTo(TWO_64) < 0;
        }
        String t = s.stripTrailing();
        int radix = 10;
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 40) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0 || t.charAt(i) > 'z') {
                return false;
            }
        }
        return new BigInteger(t, radix).compareTo(TWO_64) < 0;
    }
}
