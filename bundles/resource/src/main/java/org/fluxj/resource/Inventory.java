package org.fluxj.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.rset.ResourceConfig;
import org.fluxj.formats.rset.ResourceSet;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;

/**
 * Where the instance's R comes from (flux-core's inventory.c), in flux-core's order:
 * {@code [[resource.config]]} or {@code resource.path} ("configuration"), else the KVS key
 * {@value #KEY} a previous run or the enclosing instance left ("kvs"), else this host probed
 * for every rank ("dynamic-discovery"; in a test instance every rank is this host, as
 * flux-core's test instances report N identical ranks).
 */
final class Inventory {
    static final String KEY = "resource.R";

    /** R and the resource-define method that found it. */
    record Defined(ResourceSet r, String method) {
    }

    private Inventory() {
    }

    /** R from the configuration, or empty if {@code [resource]} names none. */
    static Optional<ResourceSet> configured(ResourceSettings s) throws FormatException {
        if (s.config() != null) {
            return Optional.of(ResourceConfig.fromJson(s.config(), "resource.config"));
        }
        if (s.path() != null) {
            String text;
            try {
                text = Files.readString(Path.of(s.path()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new FormatException("resource.path: " + s.path() + ": cannot read: " + e.getMessage());
            }
            try {
                return Optional.of(ResourceSet.parse(text));
            } catch (FormatException e) {
                throw new FormatException("resource.path: " + s.path() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The KVS's R if there is one, else this host probed (completes on the module thread). */
    static CompletionStage<Defined> fromKvsOrProbe(ModuleContext ctx) {
        return lookup(ctx, KEY).thenApply(text -> {
            try {
                if (text.isPresent()) {
                    return new Defined(ResourceSet.parse(text.get()), "kvs");
                }
                return new Defined(probe(ctx), "dynamic-discovery");
            } catch (FormatException e) {
                throw new IllegalStateException(e.getMessage());
            }
        });
    }

    /**
     * One node per rank with this host's cores; hostnames from the broker's {@code hostlist}
     * attribute when it names every rank, else this host's name for all.
     */
    static ResourceSet probe(ModuleContext ctx) throws FormatException {
        int ncores = Math.max(1, Runtime.getRuntime().availableProcessors());
        IdSet ranks = IdSet.range(0, ctx.size() - 1);
        Hostlist hosts = null;
        Optional<String> hl = ctx.attribute("hostlist");
        if (hl.isPresent()) {
            Hostlist h = Hostlist.decode(hl.get());
            if (h.count() == ctx.size()) {
                hosts = h;
            }
        }
        if (hosts == null) {
            String self = ctx.attribute("hostname").orElse("localhost");
            hosts = new Hostlist();
            for (int i = 0; i < ctx.size(); i++) {
                hosts.append(self);
            }
        }
        return ResourceSet.encode(ranks, hosts, IdSet.range(0, ncores - 1), null);
    }

    /** A KVS value as text, or empty if the key does not exist. */
    static CompletionStage<Optional<String>> lookup(ModuleContext ctx, String key) {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("namespace", "primary");
        o.put("flags", 0);
        return ctx.rpc("kvs.lookup", o).response().handle((m, err) -> {
            if (err != null) {
                Throwable cause = Rpc.cause(err);
                if (cause instanceof RequestException r && r.errno() == Errno.ENOENT) {
                    return Optional.empty();
                }
                throw new IllegalStateException(key + ": " + cause.getMessage());
            }
            try {
                JsonNode val = m.payloadObject().get("val");
                if (!(TreeObj.fromJson(val) instanceof TreeObj.Val v)) {
                    throw new IllegalStateException(key + ": not a value");
                }
                return Optional.of(new String(v.data(), StandardCharsets.UTF_8));
            } catch (FormatException e) {
                throw new IllegalStateException(key + ": " + e.getMessage());
            }
        });
    }

    /** Ranks named by an idset, or by a hostlist of R's hostnames (inventory_targets_to_ranks). */
    static IdSet targets(ResourceSet r, String targets) throws FormatException {
        try {
            return IdSet.decode(targets);
        } catch (FormatException notIdset) {
            Hostlist hosts;
            try {
                hosts = Hostlist.decode(targets);
            } catch (FormatException e) {
                throw new FormatException("invalid targets: Hostlist cannot be decoded");
            }
            IdSet ids = new IdSet();
            Hostlist missing = new Hostlist();
            for (String h : hosts) {
                boolean found = false;
                for (ResourceSet.Node n : r.nodes()) {
                    if (h.equals(n.hostname())) {
                        ids.set(n.rank());
                        found = true;
                    }
                }
                if (!found) {
                    missing.append(h);
                }
            }
            if (!missing.isEmpty()) {
                throw new FormatException("invalid targets: invalid hosts: " + missing.encode());
            }
            return ids;
        }
    }

    static CompletableFuture<Defined> done(ResourceSet r) {
        return CompletableFuture.completedFuture(new Defined(r, "configuration"));
    }
}
