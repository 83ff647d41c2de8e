package org.fluxj.kernel.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A broker module (RFC 5): a Declarative Services component that provides this service. The
 * kernel calls it only on the module's own thread, so a module needs no locks. Requests whose
 * topic begins with {@code name() + "."} are routed to it.
 */
public interface BrokerModule {

    /**
     * The module's name, which is also its service name ({@code kvs}, {@code heartbeat}): the
     * class's {@link FluxModule} annotation. Only the kernel's built-in modules, which are not
     * bundles of their own, override it.
     */
    default String name() {
        FluxModule declared = getClass().getAnnotation(FluxModule.class);
        if (declared == null) {
            throw new IllegalStateException(getClass().getName() + " declares no @FluxModule name");
        }
        return declared.value();
    }

    /**
     * Starts the module: register message handlers and read configuration here. A module that
     * throws is reported as failed with the exception's message, and the broker goes on.
     */
    void start(ModuleContext context) throws Exception;

    /**
     * Called on the module's thread when it is to be unloaded, while it can still send requests
     * and receive their responses: the module finishes what must not be lost (the KVS writes its
     * final root checkpoint here). Requests arriving meanwhile are still handled. The module is
     * stopped when the returned stage completes, however it completes.
     */
    default CompletionStage<Void> drain() {
        return CompletableFuture.completedFuture(null);
    }

    /** Stops the module before it is unloaded; its handlers and services are already gone. */
    default void stop() {
    }
}
