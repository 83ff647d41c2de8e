package org.fluxj.cmd.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux overlay errors}: asks every online broker for its children's health (many requests in
 * flight, as flux-core's gather_errors) and prints each distinct error with the hosts it concerns: lost
 * children and the ranks behind them ("lost parent"), offline children that left an error.
 */
@Command(name = "errors", description = "Summarize overlay errors.")
final class OverlayErrorsCommand extends AbstractCommand {
    private static final int MAX_RPCS = 512;

    @Option(names = {"-t", "--timeout"}, paramLabel = "FSD", description = "Set RPC timeout, 0=disable (default 0.5s)")
    String timeoutArg;

    private final Map<String, IdSet> errors = new LinkedHashMap<>();

    @Override
    public Integer call() {
        OverlayTree tree = new OverlayTree(this::handle);
        double timeout = 0.5;
        int size = Integer.parseInt(getattr("size"));
        if (size > 2048) {
            timeout *= size / 2000.0;
        }
        if (timeoutArg != null) {
            try {
                timeout = Fsd.parse(timeoutArg);
            } catch (FormatException e) {
                throw fail("invalid timeout: %s", timeoutArg);
            }
        }
        if (timeout == 0) {
            timeout = -1;
        }
        Deque<Integer> pending = new ArrayDeque<>();
        pending.add(0);
        while (!pending.isEmpty()) {
            Map<Integer, CompletableFuture<Message>> batch = new LinkedHashMap<>();
            while (!pending.isEmpty() && batch.size() < MAX_RPCS) {
                int r = pending.poll();
                batch.put(r, handle().rpc("overlay.health", null, r));
            }
            for (var e : batch.entrySet()) {
                int r = e.getKey();
                JsonNode h;
                try {
                    h = OverlayTree.await(e.getValue(), timeout).payloadObject();
                } catch (IOException | FormatException ex) {
                    add(r, ex.getMessage());
                    addChildren(tree, r);
                    continue;
                }
                for (JsonNode c : h.path("children")) {
                    int child = c.path("rank").asInt();
                    String status = c.path("status").asText();
                    String error = c.has("error") ? c.get("error").asText() : null;
                    if (status.equals("lost")) {
                        add(child, error != null ? error : "unknown error");
                        addChildren(tree, child);
                    } else if (status.equals("offline")) {
                        if (error != null && !error.isEmpty()) {
                            add(child, error);
                        }
                    } else {
                        pending.add(child);
                    }
                }
            }
        }
        for (var e : errors.entrySet()) {
            out().printf("%s: %s%n", tree.lookup(e.getValue().encode(IdSet.Flag.RANGE)), e.getKey());
        }
        return 0;
    }

    private void add(int rank, String error) {
        errors.computeIfAbsent(error, k -> new IdSet()).set(rank);
    }

    private void addChildren(OverlayTree tree, int rank) {
        IdSet ranks = tree.subtreeRanks(rank);
        ranks.clear(rank);
        if (!ranks.isEmpty()) {
            errors.computeIfAbsent("lost parent", k -> new IdSet()).add(ranks);
        }
    }
}
