package org.fluxj.kernel.module;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Hosts broker modules (RFC 5). A module is a {@code BrokerModule} service of a module bundle,
 * loaded by starting the bundle and removed by stopping it; each gets a {@link ModuleHost}.
 * The broker's own services (attr, log, ...) are not modules: the broker hosts them itself.
 *
 * <p>Bundle operations run on one "module-ops" thread, never the broker thread, because DS
 * binds modules synchronously inside {@code Bundle.start/stop}.
 */
public final class ModuleManager {
    private final HostServices services;
    private final BundleContext context;
    private final ModuleBundles bundles;
    private final ExecutorService ops = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "module-ops");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ModuleHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pendingArgs = new ConcurrentHashMap<>();
    private final Map<String, Bundle> bundleOf = new ConcurrentHashMap<>();
    private final Map<String, Long> loadOrder = new LinkedHashMap<>();
    private long loads;

    public ModuleManager(HostServices services, BundleContext context, Path moduleDir) {
        this.services = services;
        this.context = context;
        List<Path> search = ModuleBundles.paths(System.getenv("FLUX_MODULE_PATH"));
        if (moduleDir != null) {
            search.add(moduleDir);
        }
        this.bundles = new ModuleBundles(context, search);
    }

    // ---------------------------------------------------------------- DS

    /** A {@code BrokerModule} service appeared (DS bind, any thread). */
    public void bind(BrokerModule module, Bundle bundle) {
        String name = module.name();
        bundleOf.put(name, bundle);
        host(name, module, pendingArgs.getOrDefault(name, List.of()), bundle == null ? "-" : location(bundle));
    }

    /** A {@code BrokerModule} service went away: its bundle stopped or is being updated. */
    public void unbind(BrokerModule module) {
        hosts.forEach((name, host) -> {
            if (host.module() == module && hosts.remove(name, host)) {
                host.stop().join();
                services.log().log(Severity.DEBUG, "broker", "module " + name + " unloaded");
            }
        });
    }

    private void host(String name, BrokerModule module, List<String> args, String path) {
        ModuleHost host = new ModuleHost(name, module, args, services, null, path);
        if (hosts.putIfAbsent(name, host) != null) {
            fail(name, new RequestException(Errno.EEXIST, name + " is already loaded"));
            return;
        }
        synchronized (loadOrder) {
            loadOrder.put(name, loads++);
        }
        host.start().whenComplete((v, e) -> {
            CompletableFuture<Void> waiting = pending.remove(name);
            pendingArgs.remove(name);
            if (e == null) {
                services.log().log(Severity.DEBUG, "broker", "module " + name + " started");
                if (waiting != null) {
                    waiting.complete(null);
                }
                return;
            }
            Throwable cause = Rpc.cause(e);
            services.log().log(Severity.ERR, "broker", "module " + name + " failed to start: " + reason(cause));
            // before the host goes: a load that finds no host and an open future took it for a
            // bundle that registered no module
            if (waiting != null) {
                waiting.completeExceptionally(cause);
            }
            hosts.remove(name, host);
            Bundle b = bundleOf.remove(name);
            if (b != null) {
                ops.execute(() -> stopQuietly(b)); // leave the bundle resolved, ready for another load
            }
        });
    }

    private void fail(String name, Throwable e) {
        CompletableFuture<Void> waiting = pending.remove(name);
        pendingArgs.remove(name);
        if (waiting != null) {
            waiting.completeExceptionally(e);
        }
    }

    static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- module.load / remove

    /** Loads a module by name or bundle jar path; completes with its name once it started. */
    public CompletableFuture<String> load(String nameOrPath, List<String> args) {
        CompletableFuture<String> result = new CompletableFuture<>();
        ops.execute(() -> {
            try {
                result.complete(loadNow(nameOrPath, args));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private String loadNow(String nameOrPath, List<String> args) throws Exception {
        Bundle b = bundles.find(nameOrPath);
        if (b == null) {
            throw new RequestException(Errno.ENOENT, "module not found");
        }
        String name = ModuleBundles.moduleName(b);
        if (name == null) {
            throw new RequestException(Errno.EINVAL, location(b) + " is not a broker module (no "
                    + ModuleBundles.HEADER + " header)");
        }
        if (hosts.containsKey(name)) {
            throw new RequestException(Errno.EEXIST, name + " is already loaded");
        }
        CompletableFuture<Void> done = expect(name, args);
        try {
            if (b.getState() != Bundle.ACTIVE) {
                ModuleBundles.refreshIfRebuilt(b);
            }
            b.start();
        } catch (BundleException e) {
            fail(name, e);
            throw new RequestException(Errno.EINVAL, reason(e.getCause() != null ? e.getCause() : e));
        }
        if (!hosts.containsKey(name) && !done.isDone()) {
            RequestException e = new RequestException(Errno.ENOENT, "bundle " + b.getSymbolicName()
                    + " registered no BrokerModule named " + name);
            fail(name, e);
            stopQuietly(b);
            throw e;
        }
        join(done);
        return name;
    }

    private CompletableFuture<Void> expect(String name, List<String> args) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.put(name, done);
        pendingArgs.put(name, args);
        return done;
    }

    private static void join(CompletableFuture<Void> done) throws Exception {
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Removes a loaded module: its bundle is stopped (DS unbinds it, which stops its host). */
    public CompletableFuture<Void> remove(String name) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        ops.execute(() -> {
            try {
                ModuleHost host = hosts.get(name);
                if (host == null) {
                    throw new RequestException(Errno.ENOENT, null);
                }
                Bundle b = bundleOf.remove(name);
                if (b != null) {
                    b.stop(); // DS unbinds, which stops the host
                }
                if (hosts.remove(name, host)) {
                    host.stop().join();
                }
                result.complete(null);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void stopQuietly(Bundle b) {
        try {
            b.stop();
        } catch (BundleException | IllegalStateException e) {
            // already stopping or uninstalled
        }
    }

    private static String location(Bundle b) {
        Path f = ModuleBundles.file(b);
        return f != null ? f.toString() : b.getLocation();
    }

    /** The loaded modules, in load order. */
    public List<ModuleHost> list() {
        List<ModuleHost> out = new ArrayList<>(hosts.values());
        synchronized (loadOrder) {
            out.sort((a, b) -> Long.compare(loadOrder.getOrDefault(a.name(), 0L),
                    loadOrder.getOrDefault(b.name(), 0L)));
        }
        return out;
    }


    /** Stops the bundle operations thread at broker exit. */
    public void close() {
        ops.shutdown();
    }
}
