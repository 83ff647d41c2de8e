package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;

/**
 * The {@code config} service (flux-core src/modules/config/config.c), on the broker thread.
 * <ul>
 * <li>{@code config.get}: the configuration object; a streaming request gets it again after
 *     every change (how each broker follows its TBON parent).
 * <li>{@code config.load} (rank 0, owner): replaces the configuration with the request's object.
 * <li>{@code config.reload} (rank 0, owner): re-reads {@code config.path}, if there is one.
 * </ul>
 * A change is offered to every loaded module in turn ({@link Target}); if one refuses it, those
 * that took it are given the old configuration back and the request fails with the refusal.
 * A broker of rank &gt; 0 takes its parent's configuration in the config-sync state and every
 * change after, so what rank 0 loads reaches every broker, level by level.
 */
final class ConfigService implements BrokerModule {

    /** Something that takes a configuration or refuses it: a loaded module. */
    interface Target {
        String name();

        /** Completes when taken; fails with the reason when refused. */
        CompletableFuture<Void> update(JsonNode conf);
    }

    private final String path;
    private final Supplier<List<? extends Target>> targets;
    /** The configuration in effect, with the file each key came from. */
    private volatile Conf.Loaded current;
    private final List<Message> getters = new ArrayList<>();
    /** Changes run one after another, each when the last has finished. */
    private CompletableFuture<Void> busy = CompletableFuture.completedFuture(null);
    private ModuleContext ctx;

    ConfigService(String path, Conf.Loaded initial, Supplier<List<? extends Target>> targets) {
        this.path = path;
        this.current = initial;
        this.targets = targets;
    }

    /** The configuration in effect; read from any thread. */
    ObjectNode current() {
        return current.config();
    }

    /** {@link #current}, with the file each key came from. */
    Conf.Loaded loaded() {
        return current;
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("config.get", Roles.USER, this::get);
        ctx.onRequest("config.disconnect", Roles.USER, this::disconnect);
        ctx.onRequest("config.load", this::load);
        ctx.onRequest("config.reload", this::reload);
    }

    private void get(Message m) {
        ctx.respond(m, current.config());
        if (m.isStreaming()) {
            getters.add(m);
        }
    }

    private void disconnect(Message m) {
        String sender = m.routeFirst();
        getters.removeIf(g -> sender != null && sender.equals(g.routeFirst()));
    }

    private void load(Message m) throws RequestException {
        JsonNode o;
        try {
            o = m.payloadJson();
        } catch (FormatException e) {
            o = null;
        }
        if (!(o instanceof ObjectNode conf)) {
            throw new RequestException(Errno.EPROTO, "error decoding config.load request");
        }
        leaderOnly();
        change(m, new Conf.Loaded(conf, Map.of()));
    }

    private void reload(Message m) throws RequestException {
        leaderOnly();
        if (path == null || path.isEmpty()) {
            ctx.respond(m, null);
            return;
        }
        Conf.Loaded conf;
        try {
            conf = ConfigLoader.load(path);
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, "Config file error: " + e.getMessage());
        }
        change(m, conf);
    }

    private void leaderOnly() throws RequestException {
        if (ctx.rank() > 0) {
            throw new RequestException(Errno.EINVAL, "configuration can only be changed on rank 0");
        }
    }

    /** Applies {@code conf} after the changes before it, then answers {@code request}. */
    private void change(Message request, Conf.Loaded conf) {
        apply(conf).whenComplete((v, e) -> ctx.execute(() -> {
            if (e == null) {
                ctx.respond(request, null);
            } else {
                ctx.respondError(request, Errno.EINVAL.number(), reason(e));
            }
        }));
    }

    /**
     * Queues a change: when its turn comes, unless it is the configuration already in effect,
     * every target is offered it; completes once it is in effect, fails if one refused it.
     */
    CompletableFuture<Void> apply(Conf.Loaded conf) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        busy = busy.handle((v, e) -> null).thenCompose(v -> {
            if (conf.config().equals(current.config())) {
                current = conf; // same values, perhaps from other files now
                done.complete(null);
                return done;
            }
            updateAll(conf).whenComplete((w, e) -> ctx.execute(() -> {
                if (e != null) {
                    done.completeExceptionally(e);
                    return;
                }
                current = conf;
                for (Message g : getters) {
                    ctx.respond(g, conf.config());
                }
                done.complete(null);
            }));
            return done.handle((w, e) -> null);
        });
        return done;
    }

    /** Offers {@code conf} to each target in turn; on a refusal, gives those that took it the old one back. */
    private CompletableFuture<Void> updateAll(Conf.Loaded loaded) {
        ObjectNode conf = loaded.config();
        List<? extends Target> all = List.copyOf(targets.get());
        ObjectNode old = current.config();
        List<Target> took = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Target t : all) {
            chain = chain.thenCompose(v -> t.update(conf).handle((w, e) -> {
                if (e != null) {
                    throw new CompletionException(new RequestException(Errno.EINVAL,
                            "error updating " + t.name() + ": " + loaded.explain(Rpc.cause(e))));
                }
                took.add(t);
                return null;
            }));
        }
        return chain.exceptionallyCompose(e -> {
            CompletableFuture<Void> revert = CompletableFuture.completedFuture(null);
            for (Target t : took) {
                revert = revert.thenCompose(v -> t.update(old).exceptionally(r -> {
                    ctx.execute(() -> ctx.log(Severity.ERR, "error reverting %s: %s", t.name(), reason(r)));
                    return null;
                }));
            }
            return revert.thenCompose(v -> CompletableFuture.failedFuture(e));
        });
    }

    /**
     * Rank &gt; 0, in the config-sync state: follows the TBON parent's configuration (a streaming
     * config.get upstream); {@code synced} is told, once, whether the first one was taken.
     */
    void followParent(Consumer<Boolean> synced) {
        boolean[] first = {true};
        ctx.rpc("config.get", Message.NODEID_UPSTREAM, null, MessageFlags.STREAMING).stream(m -> {
            CompletableFuture<Void> f;
            try {
                JsonNode o = m.payloadJson();
                // the parent's files are not ours to name: its keys come without them
                f = o instanceof ObjectNode conf ? apply(new Conf.Loaded(conf, Map.of()))
                        : CompletableFuture.failedFuture(new FormatException("parent config is not an object"));
            } catch (FormatException e) {
                f = CompletableFuture.failedFuture(e);
            }
            boolean initial = first[0];
            first[0] = false;
            f.whenComplete((v, e) -> ctx.execute(() -> {
                if (e != null) {
                    ctx.log(initial ? Severity.CRIT : Severity.ERR, "parent update: %s", reason(e));
                } else {
                    ctx.log(Severity.DEBUG, "parent update applied");
                }
                if (initial) {
                    synced.accept(e == null);
                }
            }));
        }).whenComplete((v, e) -> {
            if (first[0]) {
                first[0] = false;
                ctx.log(Severity.CRIT, "parent update: %s", e != null ? reason(e) : "no response");
                synced.accept(false);
            }
        });
    }


    private static String reason(Throwable failure) {
        Throwable e = Rpc.cause(failure);
        String m = e.getMessage();
        if (m == null && e instanceof RequestException r) {
            m = r.errno().message();
        }
        return m != null ? m : e.toString();
    }
}
