package org.fluxj.kernel.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;

/**
 * A module's handle on its broker. Every method is to be called on the module's own thread
 * (from {@link BrokerModule#start} or a callback); every callback is run on that thread.
 */
public interface ModuleContext {

    /** The module's name. */
    String name();

    /** This broker's rank and the instance size. */
    int rank();

    int size();

    /** Arguments given at load time ({@code flux module load NAME ARGS...}). */
    List<String> args();

    // ---------------------------------------------------------------- services

    /**
     * Handles requests whose topic matches {@code topicGlob} ({@code kvs.lookup}, {@code kvs.*})
     * from callers holding one of {@code roles} (a {@code Roles} mask; the instance owner is
     * always admitted). Others get EPERM without the handler being called.
     */
    void onRequest(String topicGlob, int roles, RequestHandler handler);

    /** {@link #onRequest(String, int, RequestHandler)} for the instance owner only. */
    default void onRequest(String topicGlob, RequestHandler handler) {
        onRequest(topicGlob, Roles.OWNER, handler);
    }

    /** Routes requests for another service name to this module (besides {@link #name()}). */
    void registerService(String service);

    /** Responds to a request with a JSON payload (or none if {@code payload} is null). */
    default void respond(Message request, JsonNode payload) {
        if (!request.isNoResponse()) {
            Message.Builder b = Message.responseTo(request);
            if (payload != null) {
                b.payloadJson(payload);
            }
            send(b.build());
        }
    }

    /**
     * Responds to a request with a raw payload (flux_respond_raw), as RFC 10's content
     * messages carry blobs and hashes; {@code payload} may be empty.
     */
    default void respondRaw(Message request, byte[] payload) {
        if (!request.isNoResponse()) {
            Message.Builder b = Message.responseTo(request);
            if (payload != null && payload.length > 0) {
                b.payload(payload);
            }
            send(b.build());
        }
    }

    /** Responds to a request with an error (RFC 6); {@code text} may be null. */
    default void respondError(Message request, int errnum, String text) {
        if (!request.isNoResponse()) {
            send(Message.errorResponse(request, errnum, text));
        }
    }

    // ---------------------------------------------------------------- clients of other services

    /**
     * Sends a request to {@code topic} on {@code nodeid} ({@code Message.NODEID_ANY} for the
     * nearest, {@code NODEID_UPSTREAM} for the nearest above this rank); {@code flags} may hold
     * STREAMING or NORESPONSE.
     */
    default Rpc rpc(String topic, int nodeid, JsonNode payload, int flags) {
        Message.Builder b = Message.request(topic);
        if (nodeid == Message.NODEID_UPSTREAM) { // RFC 3: the sender's rank, flagged upstream
            b.nodeid(rank()).setFlags(MessageFlags.UPSTREAM);
        } else {
            b.nodeid(nodeid);
        }
        if (payload != null) {
            b.payloadJson(payload);
        }
        if ((flags & MessageFlags.NORESPONSE) != 0) {
            b.noResponse();
        } else if ((flags & MessageFlags.STREAMING) != 0) {
            b.streaming();
        }
        return rpc(b.build());
    }

    default Rpc rpc(String topic, JsonNode payload) {
        return rpc(topic, Message.NODEID_ANY, payload, 0);
    }

    /**
     * Sends a request the module built itself -- a raw payload, or the credentials of a
     * requester it acts for -- and matches its responses; the kernel gives it a matchtag.
     * Streaming and no-response flags are the message's own.
     */
    Rpc rpc(Message request);

    /**
     * Publishes an event (sequenced at rank 0 and delivered to every broker, RFC 3);
     * {@code flags} may hold PRIVATE.
     */
    default void publish(String topic, JsonNode payload, int flags) {
        Message.Builder b = Message.event(topic);
        if (payload != null) {
            b.payloadJson(payload);
        }
        if ((flags & MessageFlags.PRIVATE) != 0) {
            b.makePrivate();
        }
        send(b.build());
    }

    /**
     * Receives events whose topic starts with {@code prefix} (flux-core's subscription match)
     * from publishers holding one of {@code roles} (a {@code Roles} mask; the instance owner is
     * always admitted); others' events are dropped, as flux_msg_handler drops them, so a guest
     * cannot forge a service's events. Cancel the returned registration to unsubscribe.
     */
    Registration onEvent(String prefix, int roles, MessageHandler handler);

    /** {@link #onEvent(String, int, MessageHandler)} for events the instance owner published. */
    default Registration onEvent(String prefix, MessageHandler handler) {
        return onEvent(prefix, Roles.OWNER, handler);
    }

    // ---------------------------------------------------------------- raw routing (connectors)

    /**
     * Sends a message as it is; for a request the kernel pushes this module onto its route
     * stack, so responses to it come back to {@link #onRouted}; a response goes to the next
     * hop of its route stack. Credentials a module set (a connector stamping its peer's) are
     * kept, as flux-core trusts its modules; unset ones become the instance owner's.
     */
    void send(Message message);

    /** Receives responses and events addressed past this module along a route stack. */
    void onRouted(MessageHandler handler);

    // ---------------------------------------------------------------- broker facilities

    /** A broker attribute ({@code flux getattr}). */
    Optional<String> attribute(String name);

    /** Sets or creates a broker attribute owned by this module; removed when it unloads. */
    void setAttribute(String name, String value);

    /**
     * The instance configuration (every TOML file merged, or what {@code flux config load/set}
     * made of it) as JSON; an empty object if none. During a config handler, the new one.
     */
    JsonNode config();

    /**
     * Called on this module's thread when the configuration changes ({@code flux config
     * reload/load/set/unset}, and on ranks &gt; 0 when rank 0's changed), with {@link #config()}
     * already the new one. A handler that throws refuses the change: its message is what the
     * user sees, and every module (and the broker) keeps the configuration it had.
     */
    void onConfigReload(MessageHandler handler);

    /**
     * The module's debug flags, which {@code flux module debug} sets through the module's
     * {@code NAME.debug} method (flux-core's {@code flux::debug_flags}); 0 until set.
     */
    int debugFlags();

    /** Logs to the broker's ring buffer (what {@code flux dmesg} shows), at a syslog severity. */
    void log(int severity, String format, Object... args);

    /**
     * Runs {@code task} on this module's thread, soon; for a module's own I/O threads (a
     * connector's socket readers) to hand work back to it. Callable from any thread.
     */
    void execute(Runnable task);

    /** Runs {@code task} on this module's thread after {@code delay}; returns a handle to cancel it. */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} on this module's thread every {@code period}. */
    Timer scheduleRepeating(Duration period, Runnable task);

    /** A scheduled task. */
    interface Timer {
        void cancel();
    }

    /** An event subscription or other registration; cancelling it twice is harmless. */
    interface Registration {
        void cancel();
    }
}
