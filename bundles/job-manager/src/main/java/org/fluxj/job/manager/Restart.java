package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.fluid.Fluid;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;

/**
 * The jobs of a restarted instance, read back from the KVS as flux-core's restart.c reads them:
 * every {@code job.XXXX.XXXX.XXXX.XXXX} directory, its eventlog replayed through
 * {@link Job#apply}. A job whose eventlog cannot be read is logged and left out.
 */
final class Restart {
    /** The dothex form has four levels below {@code job}. */
    private static final int LEVELS = 4;

    private final ModuleContext ctx;
    private final List<Job> jobs = new ArrayList<>();

    Restart(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Reads every job; an instance without a {@code job} directory has none. */
    CompletionStage<List<Job>> run() {
        return walk("job", 0).handle((v, err) -> {
            if (err != null && !isEnoent(err)) {
                throw new IllegalStateException(Rpc.cause(err).getMessage());
            }
            jobs.sort((a, b) -> Long.compareUnsigned(a.id, b.id));
            return jobs;
        });
    }

    private static boolean isEnoent(Throwable err) {
        return Rpc.cause(err) instanceof RequestException r && r.errno() == Errno.ENOENT;
    }

    private CompletionStage<Void> walk(String dir, int depth) {
        if (depth == LEVELS) {
            return load(dir);
        }
        return lookup(dir, KvsFlags.READDIR).thenCompose(t -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            if (t instanceof TreeObj.Dir d) {
                for (String name : d.entries().keySet()) {
                    if (name.matches("[0-9a-f]{4}")) {
                        all.add(walk(dir + "." + name, depth + 1).toCompletableFuture());
                    }
                }
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        });
    }

    private CompletionStage<Void> load(String dir) {
        return lookup(dir + ".eventlog", 0).handle((t, err) -> {
            try {
                if (err != null) {
                    throw new FormatException(Rpc.cause(err).getMessage());
                }
                if (!(t instanceof TreeObj.Val v)) {
                    throw new FormatException("eventlog is not a value");
                }
                Job j = new Job(Fluid.decode(dir, FluidEncoding.KVS));
                for (EventlogEntry e : Eventlog.decode(new String(v.data(), StandardCharsets.UTF_8))) {
                    j.apply(e);
                }
                jobs.add(j);
            } catch (FormatException | RuntimeException e) {
                ctx.log(Severity.ERR, "restart: %s: %s", dir, e.getMessage());
            }
            return null;
        });
    }

    private CompletionStage<TreeObj> lookup(String key, int flags) {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("namespace", "primary");
        o.put("flags", flags);
        return ctx.rpc("kvs.lookup", o).response().thenApply(m -> {
            try {
                return TreeObj.fromJson(m.payloadObject().get("val"));
            } catch (FormatException e) {
                throw new IllegalStateException(e.getMessage());
            }
        });
    }
}
