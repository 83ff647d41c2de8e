package org.fluxj.cmd.ping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fluxj.client.FluxException;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.size.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux ping [OPTIONS] TARGET} (flux-core flux-ping.c): sends SERVICE.ping requests,
 * one every interval whether or not the last was answered (or, with --batch, all of them
 * before reading any response), and prints each round trip. TARGET is a service, a rank, a
 * host name of the {@code hostlist} attribute, {@code any}, {@code upstream}, or
 * NODE!SERVICE; a rank or host alone pings "broker".
 */
@Command(name = "ping", description = "Send echo requests to a Flux service.",
        customSynopsis = "flux-ping [OPTIONS] TARGET")
public final class PingCommand extends AbstractCommand {

    @Option(names = {"-r", "--rank"}, paramLabel = "RANK", description = "Find target on a specific broker rank.")
    String rank;

    @Option(names = {"-p", "--pad"}, paramLabel = "N",
            description = "Include in the payload a string of length N bytes (a size: 1024, 10K, 1M).")
    String pad = "0";

    @Option(names = {"-i", "--interval"}, paramLabel = "N",
            description = "Specify the delay, in seconds (or an FSD), between successive requests (default 1s).")
    String interval = "1";

    @Option(names = {"-c", "--count"}, paramLabel = "N",
            description = "Specify the number of requests to send (default: until interrupted).")
    int count;

    @Option(names = {"-b", "--batch"}, description = "Begin processing responses after all requests are sent.")
    boolean batch;

    @Option(names = {"-u", "--userid"}, description = "Include userid and rolemask in ping output.")
    boolean userid;

    @Parameters(paramLabel = "TARGET", description = "SERVICE, RANK, HOST, any, upstream, or NODE!SERVICE.")
    String target;

    private int nodeid = Message.NODEID_ANY;
    private String topic;
    private String padding;
    /** Requests in flight, oldest first (responses come back in order on one connection). */
    private final Deque<CompletableFuture<Message>> pending = new ArrayDeque<>();

    @Override
    public Integer call() throws InterruptedException {
        int padBytes = padBytes();
        double period;
        try {
            period = Fsd.parse(interval);
        } catch (FormatException e) {
            throw fail("invalid value for option 'interval': %s", interval);
        }
        if (rank != null) {
            if (target.contains("!")) {
                throw fail("--rank and TARGET both try to specify a nodeid");
            }
            target = rank + "!" + target;
        }
        if (period < 0) {
            throw fail("interval must be >= 0");
        }
        if (count < 0) {
            throw fail("count must be >= 0");
        }
        if (batch && count == 0) {
            throw fail("--batch should only be used with --count");
        }
        padding = "p".repeat(padBytes);
        out().println(parseTarget());
        out().flush();
        long periodNanos = (long) (period * 1e9);
        long next = System.nanoTime();
        for (int seq = 0; count == 0 || seq < count; seq++) {
            pending.add(send(seq));
            next += periodNanos;
            if (!batch) {
                printAnswered(next);
            } else if (periodNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(periodNanos);
            }
        }
        while (!pending.isEmpty()) {
            Message m;
            try {
                m = pending.poll().join();
            } catch (CompletionException e) {
                throw failure(e);
            }
            print(m);
        }
        return 0;
    }

    /** optparse_get_size_int: a size of at most INT_MAX bytes. */
    private int padBytes() {
        long n;
        try {
            n = Sizes.parse(pad);
        } catch (FormatException e) {
            throw fail("invalid argument for option 'pad': %s: Invalid argument", pad);
        }
        if (n > Integer.MAX_VALUE) {
            throw fail("pad: value %s too large (must be < 2G)", pad);
        }
        return (int) n;
    }

    /** Prints the responses that come in until {@code deadline} (System.nanoTime), in order. */
    private void printAnswered(long deadline) throws InterruptedException {
        while (!pending.isEmpty()) {
            long wait = deadline - System.nanoTime();
            CompletableFuture<Message> oldest = pending.peek();
            Message m;
            try {
                m = wait > 0 ? oldest.get(wait, TimeUnit.NANOSECONDS) : oldest.getNow(null);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException | CompletionException e) { // getNow: CompletionException
                throw failure(e);
            }
            if (m == null) {
                return;
            }
            pending.poll();
            print(m);
        }
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private CompletableFuture<Message> send(int seq) {
        ObjectNode o = Json.object();
        long t0 = System.nanoTime();
        o.put("seq", seq);
        o.put("time.tv_sec", Math.floorDiv(t0, 1_000_000_000L));
        o.put("time.tv_nsec", Math.floorMod(t0, 1_000_000_000L));
        o.put("pad", padding);
        return handle().rpc(topic, o, nodeid);
    }

    /** One response, as flux-ping prints it; a malformed one ends the command (EPROTO). */
    private void print(Message m) {
        JsonNode r;
        try {
            r = m.payloadObject();
        } catch (FormatException e) {
            throw protocolError();
        }
        for (String key : new String[] {"seq", "time.tv_sec", "time.tv_nsec", "userid", "rolemask", "rank"}) {
            if (!r.path(key).isIntegralNumber()) {
                throw protocolError();
            }
        }
        if (!r.path("pad").isTextual() || !r.path("route").isTextual() || r.size() != 8) {
            throw protocolError();
        }
        if (!padding.equals(r.get("pad").asText())) {
            throw fail("%s%s: padding contents invalid", bang(nodeid), topic);
        }
        long t0 = r.get("time.tv_sec").asLong() * 1_000_000_000L + r.get("time.tv_nsec").asLong();
        double ms = (System.nanoTime() - t0) / 1e6;
        String cred = userid ? String.format(" userid=%d rolemask=0x%x", r.get("userid").asLong(),
                r.get("rolemask").asLong()) : "";
        out().printf("%s%s pad=%d%s seq=%d time=%.3f ms (%s)%n", bang(r.get("rank").asInt()), topic,
                padding.length(), cred, r.get("seq").asInt(), ms, r.get("route").asText());
        out().flush();
    }

    private CommandException protocolError() {
        return fail("%s%s: %s", bang(nodeid), topic, Errno.strerror(Errno.EPROTO.number()));
    }

    /** A failed request as flux-ping reports it: the errno's text, not the response's message. */
    private CommandException failure(Throwable failed) {
        IOException e = Rpc.error(failed);
        String why = e instanceof FluxException f ? Errno.strerror(f.errnum()) : e.getMessage();
        return fail("%s%s: %s", bang(nodeid), topic, why);
    }

    private static String bang(int rank) {
        if (rank == Message.NODEID_UPSTREAM) {
            return "upstream!";
        }
        return rank == Message.NODEID_ANY ? "" : Integer.toUnsignedString(rank) + "!";
    }

    /**
     * flux-ping's parse_target: "NODE!SERVICE", a node alone (service broker), or a service
     * (node any); returns the header line.
     */
    private String parseTarget() {
        String service;
        String[] node;
        int bang = target.indexOf('!');
        if (bang >= 0) {
            service = target.substring(bang + 1);
            node = parseNode(target.substring(0, bang));
            if (node == null) {
                throw fail("invalid nodeid/host: '%s'", target.substring(0, bang));
            }
        } else if ((node = parseNode(target)) != null) {
            service = "broker";
        } else {
            node = new String[] {"any", ""};
            nodeid = Message.NODEID_ANY;
            service = target;
        }
        topic = service + ".ping";
        return "flux-ping " + node[0] + "!" + service + node[1];
    }

    /** A node as its name and the header's suffix, setting {@link #nodeid}; null if it names none. */
    private String[] parseNode(String s) {
        if (s.equals("any")) {
            nodeid = Message.NODEID_ANY;
            return new String[] {"any", ""};
        }
        if (s.equals("upstream")) {
            nodeid = Message.NODEID_UPSTREAM;
            return new String[] {"upstream", ""};
        }
        int byHost = rankByHost(s);
        if (byHost >= 0) {
            nodeid = byHost;
            return new String[] {s, " (rank " + byHost + ")"};
        }
        if (s.matches("\\+?[0-9]+")) {
            try {
                nodeid = Integer.parseInt(s);
                return new String[] {Integer.toString(nodeid), ""};
            } catch (NumberFormatException e) {
                return null; // out of range
            }
        }
        return null;
    }

    /** flux_get_rankbyhost: the first rank the hostlist attribute gives {@code host}, else -1. */
    private int rankByHost(String host) {
        String hosts = findattr("hostlist");
        if (hosts == null) {
            return -1;
        }
        try {
            return Hostlist.decode(hosts).find(host);
        } catch (FormatException e) {
            return -1;
        }
    }
}
