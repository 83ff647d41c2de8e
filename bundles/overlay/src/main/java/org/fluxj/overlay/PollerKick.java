package org.fluxj.overlay;

import java.lang.reflect.Field;
import java.nio.channels.Selector;
import java.util.List;
import org.zeromq.ZContext;

/**
 * A workaround for a JeroMQ 0.6.0 poller race that stalls a connecting socket's ZMTP handshake.
 *
 * <p>When a TCP connect completes, the connecter removes its poll handle and hands the same channel to a new
 * stream engine, which adds a handle of its own. The I/O thread's poller ({@code zmq.poll.Poller}) applies
 * handle changes lazily, in one pass over its handle set when it is marked "retired". If the session's attach
 * command is processed in the same select round as the connect event, both handles are in that pass: the
 * engine's interest set is either written to the selection key the connecter's removal is about to cancel, or
 * skipped because that key is already cancelled. Either way the engine's channel ends up registered for
 * nothing, the greeting is never written, and both ends wait until the handshake timer drops the connection
 * (30 s by default). Anything that marks the pollset retired again repairs it, since the cancelled key is gone
 * by then and the engine's handle gets registered afresh.
 *
 * <p>{@link #kick} does exactly that for every I/O thread of a context: marks its poller retired and wakes its
 * selector. It is harmless when nothing is wrong (the pass re-applies the same interest sets). It reaches the
 * poller by reflection; if JeroMQ's internals differ, it does nothing and the handshake timer remains the
 * fallback.
 */
final class PollerKick {
    private static volatile boolean broken;

    private PollerKick() {
    }

    static void kick(ZContext context) {
        if (broken) {
            return;
        }
        try {
            Object ctx = field(context.getContext(), "ctx");
            List<?> threads = (List<?>) field(ctx, "ioThreads");
            Object[] snapshot;
            synchronized (threads) {
                snapshot = threads.toArray();
            }
            for (Object io : snapshot) {
                Object poller = field(io, "poller");
                Field retired = declared(poller.getClass(), "retired");
                retired.setBoolean(poller, true);
                ((Selector) field(poller, "selector")).wakeup();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            broken = true;
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        return declared(o.getClass(), name).get(o);
    }

    private static Field declared(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
