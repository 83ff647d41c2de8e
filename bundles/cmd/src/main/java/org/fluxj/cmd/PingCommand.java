package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux ping [OPTIONS] TARGET}: sends SERVICE.ping requests (TARGET is a service, a
 * rank, or RANK!SERVICE; a rank alone pings "broker") and prints each round trip as
 * flux-core's flux-ping.c does.
 */
@Command(name = "ping", description = "Send echo requests to a Flux service.")
final class PingCommand extends FluxCommand {

    @Option(names = {"-r", "--rank"}, paramLabel = "RANK", description = "Find target on a specific broker rank.")
    String rank;

    @Option(names = {"-p", "--pad"}, paramLabel = "N", description = "Include in the payload a string of length N bytes.")
    int pad;

    @Option(names = {"-i", "--interval"}, paramLabel = "N", description = "Delay between requests (FSD, default 1s).")
    String interval = "1";

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Number of requests to send.")
    int count;

    @Option(names = {"-b", "--batch"}, description = "Begin processing responses after all requests are sent.")
    boolean batch;

    @Option(names = {"-u", "--userid"}, description = "Include userid and rolemask in ping output.")
    boolean userid;

    @Parameters(paramLabel = "TARGET")
    String target;

    private int nodeid = Message.NODEID_ANY;
    private String topic;

    @Override
    public Integer call() throws IOException, FormatException, InterruptedException {
        double period = Fsd.parse(interval);
        if (period < 0) {
            throw fail("interval must be >= 0");
        }
        if (count < 0) {
            throw fail("count must be >= 0");
        }
        if (batch && count == 0) {
            throw fail("--batch should only be used with --count");
        }
        if (rank != null) {
            if (target.contains("!")) {
                throw fail("--rank and TARGET both try to specify a nodeid");
            }
            target = rank + "!" + target;
        }
        String header = parseTarget();
        out().println(header);
        out().flush();
        String padding = "p".repeat(pad);
        CompletableFuture<?>[] sent = new CompletableFuture<?>[count > 0 ? count : 1];
        for (int seq = 0; count == 0 || seq < count; seq++) {
            if (seq > 0) {
                Thread.sleep((long) (period * 1000)); // the ping interval itself
            }
            CompletableFuture<Void> f = send(seq, padding);
            if (batch) {
                sent[seq] = f;
            } else {
                join(f);
            }
        }
        for (CompletableFuture<?> f : batch ? sent : new CompletableFuture<?>[0]) {
            join(f);
        }
        return 0;
    }

    private CompletableFuture<Void> send(int seq, String padding) {
        ObjectNode o = Json.object();
        o.put("seq", seq);
        long t0 = System.nanoTime();
        o.put("time.tv_sec", t0 / 1_000_000_000L);
        o.put("time.tv_nsec", t0 % 1_000_000_000L);
        o.put("pad", padding);
        return handle().rpc(topic, o, nodeid).thenAccept(m -> {
            JsonNode r;
            try {
                r = m.payloadObject();
            } catch (FormatException e) {
                throw new CommandException(bang(nodeid) + topic + ": " + e.getMessage());
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!padding.equals(r.path("pad").asText())) {
                throw new CommandException(bang(nodeid) + topic + ": padding contents invalid");
            }
            String cred = userid ? String.format(" userid=%d rolemask=0x%x", r.path("userid").asLong(),
                    r.path("rolemask").asLong()) : "";
            synchronized (this) {
                out().printf("%s%s pad=%d%s seq=%d time=%.3f ms (%s)%n", bang(r.path("rank").asInt()), topic,
                        padding.length(), cred, r.path("seq").asInt(), ms, r.path("route").asText());
                out().flush();
            }
        });
    }

    private void join(CompletableFuture<?> f) throws IOException {
        try {
            f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof CommandException c) {
                throw c;
            }
            throw fail("%s%s: %s", bang(nodeid), topic, e.getCause().getMessage());
        }
    }

    private static String bang(int rank) {
        if (rank == Message.NODEID_UPSTREAM) {
            return "upstream!";
        }
        return rank == Message.NODEID_ANY ? "" : Integer.toUnsignedString(rank) + "!";
    }

    /** parse_target: "nodeid!service", a nodeid (service broker), or a service (nodeid any). */
    private String parseTarget() {
        String service;
        String node;
        int bang = target.indexOf('!');
        if (bang >= 0) {
            node = target.substring(0, bang);
            service = target.substring(bang + 1);
            if (!parseNodeid(node)) {
                throw fail("invalid nodeid/host: '%s'", node);
            }
        } else if (parseNodeid(target)) {
            node = target;
            service = "broker";
        } else {
            node = "any";
            service = target;
        }
        topic = service + ".ping";
        return "flux-ping " + node + "!" + service;
    }

    private boolean parseNodeid(String s) {
        if (s.equals("any")) {
            nodeid = Message.NODEID_ANY;
            return true;
        }
        if (s.equals("upstream")) {
            nodeid = Message.NODEID_UPSTREAM;
            return true;
        }
        try {
            int r = Integer.parseInt(s);
            if (r >= 0) {
                nodeid = r;
                return true;
            }
        } catch (NumberFormatException e) {
            // not a rank
        }
        return false;
    }

}
