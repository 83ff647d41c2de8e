package org.fluxj.content.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;

/**
 * What content-sqlite and content-files share: the {@code content-backing} service of RFC 10
 * over a {@link BackingStore} on rank 0 -- {@code load}, {@code store}, {@code validate} with raw
 * payloads, {@code checkpoint-get} (newest first, ENOENT if none) and {@code checkpoint-put} --
 * and registration with the content module, as flux-core's content_register_backing_store.
 * The store completes its futures on its writer thread; answers are sent from the module's.
 */
public abstract class BackingModule implements BrokerModule {
    protected ModuleContext ctx;
    private BackingStore store;
    private BlobRef.Algorithm algorithm;

    /**
     * Opens the store in {@code statedir}; {@code args} are the module's load arguments. A bad
     * configuration key is refused with a {@link ConfigKeyException} naming it.
     */
    protected abstract BackingStore open(Path statedir, BlobRef.Algorithm algorithm, boolean cleanup,
            JsonNode config, List<String> args) throws ContentException, ConfigKeyException;

    /**
     * Checks the module's configuration table as {@code flux config reload} offers it: a bad key
     * refuses the reload. The store keeps the settings it opened with until the next start.
     */
    protected void checkConfig(JsonNode config) throws ConfigKeyException {
    }

    @Override
    public final void start(ModuleContext context) throws Exception {
        ctx = context;
        if (ctx.rank() != 0) {
            throw new IllegalStateException(name() + ": the backing store runs on rank 0 only");
        }
        String hash = ctx.attribute("content.hash").orElse("sha1");
        algorithm = BlobRef.Algorithm.byName(hash);
        String statedir = ctx.attribute("statedir").orElseThrow(() -> new IllegalStateException("statedir is not set"));
        boolean cleanup = ctx.attribute("statedir-cleanup").map("1"::equals).orElse(false);
        store = open(Path.of(statedir), algorithm, cleanup, ctx.config(), ctx.args());
        ctx.onConfigReload(m -> checkConfig(ctx.config()));
        ctx.registerService("content-backing");
        ctx.onRequest("content-backing.load", this::load);
        ctx.onRequest("content-backing.store", this::store);
        ctx.onRequest("content-backing.validate", this::validate);
        ctx.onRequest("content-backing.checkpoint-get", this::checkpointGet);
        ctx.onRequest("content-backing.checkpoint-put", this::checkpointPut);
        ObjectNode o = Json.object();
        o.put("name", name());
        ctx.rpc("content.register-backing", 0, o, 0).response().whenComplete((r, failure) -> {
            if (failure != null) {
                ctx.log(Severity.ERR, "register-backing: %s", Rpc.cause(failure).getMessage());
            }
        });
    }

    @Override
    public final void stop() {
        ctx.rpc("content.unregister-backing", 0, null, MessageFlags.NORESPONSE);
        try {
            store.close();
        } catch (ContentException e) {
            ctx.log(Severity.ERR, "%s", e.getMessage());
        }
    }

    private BlobRef ref(Message m) throws RequestException {
        byte[] digest = m.hasPayload() ? m.payload() : new byte[0];
        try {
            return BlobRef.ofDigest(algorithm, digest);
        } catch (FormatException e) {
            throw new RequestException(Errno.EPROTO, name() + ": " + e.getMessage());
        }
    }

    private void load(Message m) throws RequestException {
        answer(m, store.load(ref(m)), data -> ctx.respondRaw(m, data));
    }

    private void store(Message m) {
        answer(m, store.store(m.hasPayload() ? m.payload() : new byte[0]), ref -> ctx.respondRaw(m, ref.digest()));
    }

    private void validate(Message m) throws RequestException {
        answer(m, store.validate(ref(m)), v -> ctx.respondRaw(m, null));
    }

    private void checkpointGet(Message m) {
        answer(m, store.checkpointGet(), list -> {
            if (list.isEmpty()) {
                ctx.respondError(m, Errno.ENOENT.number(), null);
                return;
            }
            ObjectNode o = Json.object();
            ArrayNode a = o.putArray("value");
            list.forEach(c -> a.add(c.toJson()));
            ctx.respond(m, o);
        });
    }

    private void checkpointPut(Message m) throws FormatException {
        Checkpoint c = Checkpoint.fromJson(m.payloadObject().get("value"));
        answer(m, store.checkpointPut(c), v -> ctx.respond(m, null));
    }

    /** Answers on the module's thread when the store's future completes. */
    private <T> void answer(Message m, CompletableFuture<T> f, Consumer<T> ok) {
        f.whenComplete((value, failure) -> ctx.execute(() -> {
            if (failure == null) {
                ok.accept(value);
                return;
            }
            Throwable t = Rpc.cause(failure);
            int errnum = t instanceof ContentException c ? c.errno().number() : Errno.EIO.number();
            ctx.respondError(m, errnum, errnum == Errno.ENOENT.number() ? null : t.getMessage());
        }));
    }
}
