package org.fluxj.cmd.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;

/**
 * What the overlay subcommands share: the instance topology (from rank 0's overlay.topology), the host
 * map (the {@code hostlist} attribute), rank/host lookups as flux_hostmap_lookup does them, and RPCs with
 * a timeout whose failures read as flux-core's future_strerror.
 */
final class OverlayTree {
    private final Supplier<Handle> handle;
    private JsonNode topology;
    private Hostlist hostmap;

    /** @param handle the command's connection, opened when first needed */
    OverlayTree(Supplier<Handle> handle) {
        this.handle = handle;
    }

    /** The whole tree, fetched once: {"rank":0,"size":N,"children":[...]}. */
    JsonNode topology() {
        if (topology == null) {
            ObjectNode o = Json.object();
            o.put("rank", 0);
            try {
                topology = handle.get().rpcGetJson("overlay.topology", o, 0);
            } catch (IOException e) {
                throw new CommandException("error fetching overlay topology: " + e.getMessage());
            }
        }
        return topology;
    }

    Hostlist hostmap() {
        if (hostmap == null) {
            try {
                hostmap = Hostlist.decode(handle.get().getattr("hostlist"));
            } catch (FormatException | IOException | CommandException e) {
                throw new CommandException("could not fetch/decode hostlist");
            }
        }
        return hostmap;
    }

    /** flux_get_hostbyrank: the host of a rank, or "(null)" outside the map. */
    String host(int rank) {
        Hostlist h = hostmap();
        return rank >= 0 && rank < h.count() ? h.nth(rank) : "(null)";
    }

    /** The subtree of the topology rooted at {@code rank}, or null. */
    JsonNode subtree(int rank) {
        return find(topology(), rank);
    }

    private static JsonNode find(JsonNode t, int rank) {
        if (t == null) {
            return null;
        }
        if (t.path("rank").asInt(-1) == rank) {
            return t;
        }
        for (JsonNode c : t.path("children")) {
            JsonNode r = find(c, rank);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The ranks of the subtree rooted at {@code rank}, itself included. */
    IdSet subtreeRanks(int rank) {
        IdSet ids = new IdSet();
        add(ids, subtree(rank));
        return ids;
    }

    static IdSet ranksOf(JsonNode t) {
        IdSet ids = new IdSet();
        add(ids, t);
        return ids;
    }

    private static void add(IdSet ids, JsonNode t) {
        if (t == null) {
            return;
        }
        ids.set(t.path("rank").asInt());
        for (JsonNode c : t.path("children")) {
            add(ids, c);
        }
    }

    /** The parent of {@code rank}, or -1. */
    static int parentOf(JsonNode t, int rank) {
        for (JsonNode c : t.path("children")) {
            if (c.path("rank").asInt() == rank) {
                return t.path("rank").asInt();
            }
        }
        for (JsonNode c : t.path("children")) {
            int p = parentOf(c, rank);
            if (p >= 0) {
                return p;
            }
        }
        return -1;
    }

    /** flux_hostmap_lookup: an idset becomes a hostlist, a hostlist an idset. */
    String lookup(String targets) {
        Hostlist hosts = hostmap();
        try {
            IdSet ids = IdSet.decode(targets);
            Hostlist out = new Hostlist();
            for (int r : ids) {
                if (r >= hosts.count()) {
                    throw new CommandException("rank " + r + " is not in host map");
                }
                out.append(hosts.nth(r));
            }
            return out.encode();
        } catch (FormatException e) {
            // not an idset: a hostlist
        }
        Hostlist hl;
        try {
            hl = Hostlist.decode(targets);
        } catch (FormatException e) {
            throw new CommandException("invalid targets: " + targets);
        }
        IdSet ids = new IdSet();
        for (String h : hl) {
            int r = hosts.find(h);
            if (r < 0) {
                throw new CommandException("host " + h + " not found in host map");
            }
            ids.set(r);
        }
        return ids.encode(IdSet.Flag.RANGE);
    }

    /** overlay.health at {@code rank}, waiting at most {@code timeout} seconds (negative: forever). */
    JsonNode health(int rank, double timeout) throws IOException {
        CompletableFuture<Message> f = handle.get().rpc("overlay.health", null, rank);
        Message m = await(f, timeout);
        try {
            return m.payloadObject();
        } catch (FormatException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** lookup_parentof: the parent of a valid rank other than 0. */
    int parentof(int rank) {
        JsonNode topo = topology();
        int size = topo.path("size").asInt();
        if (rank < 0 || rank >= size) {
            throw new CommandException(String.format("%d is not a valid rank in this instance", rank));
        }
        if (rank == 0) {
            throw new CommandException(String.format("%d has no parent", rank));
        }
        return parentOf(topo, rank);
    }

    /** An RPC's response, waiting at most {@code timeout} seconds (negative: forever). */
    static Message await(CompletableFuture<Message> f, double timeout) throws IOException {
        return Rpc.await(f, timeout < 0 ? null : Duration.ofNanos((long) (timeout * 1e9)));
    }

    Handle handle() {
        return handle.get();
    }
}
