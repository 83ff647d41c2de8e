package org.fluxj.formats.msg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * One Flux message (RFC 3): the PROTO header fields, an optional route stack, an optional topic and an optional
 * payload. Immutable; build one with {@link #request(String)}, {@link #event(String)}, {@link #responseTo(Message)},
 * {@link #builder(MessageType)} or {@link #toBuilder()}, or derive one with the {@code with...} methods.
 *
 * <p>The 32-bit header fields (userid, rolemask, nodeid, matchtag, errnum, sequence, control type and status) are
 * unsigned on the wire and are held in Java {@code int}s: {@link #USERID_UNKNOWN} and {@link #NODEID_ANY} are
 * {@code -1}. Compare them with {@link Integer#compareUnsigned} or print them with {@link Integer#toUnsignedString}.
 *
 * <p>The flags always agree with the parts: {@link MessageFlags#TOPIC} is set exactly when there is a topic,
 * {@link MessageFlags#PAYLOAD} exactly when there is a payload, {@link MessageFlags#ROUTE} exactly when the route
 * stack is enabled (it may be empty).
 */
public final class Message {
    /** {@code FLUX_USERID_UNKNOWN}. */
    public static final int USERID_UNKNOWN = 0xFFFFFFFF;
    /** {@code FLUX_NODEID_ANY}: route the request to the nearest broker offering the service. */
    public static final int NODEID_ANY = 0xFFFFFFFF;
    /** {@code FLUX_NODEID_UPSTREAM}: an RPC-interface value only, never sent (see RFC 3 request routing). */
    public static final int NODEID_UPSTREAM = 0xFFFFFFFE;
    /** {@code FLUX_MATCHTAG_NONE}. */
    public static final int MATCHTAG_NONE = 0;

    /** Flags that are not derived from the parts. */
    static final int FREE_FLAGS = MessageFlags.NORESPONSE | MessageFlags.UPSTREAM | MessageFlags.PRIVATE
            | MessageFlags.STREAMING | MessageFlags.USER1;

    private static final byte[] NO_BYTES = new byte[0];

    private final MessageType type;
    private final int flags;
    private final int userid;
    private final int rolemask;
    private final int aux1;
    private final int aux2;
    private final List<String> routes; // push order (index 0 = first pushed = sender); null = routes disabled
    private final String topic;
    private final byte[] payload;

    /** Trusts its arguments: routes unmodifiable and valid, payload owned. Flags are derived from the parts. */
    Message(MessageType type, int freeFlags, int userid, int rolemask, int aux1, int aux2,
            List<String> routes, String topic, byte[] payload) {
        this.type = Objects.requireNonNull(type, "type");
        int f = freeFlags & FREE_FLAGS;
        if (topic != null) {
            f |= MessageFlags.TOPIC;
        }
        if (payload != null) {
            f |= MessageFlags.PAYLOAD;
        }
        if (routes != null) {
            f |= MessageFlags.ROUTE;
        }
        this.flags = f;
        this.userid = userid;
        this.rolemask = rolemask;
        this.aux1 = aux1;
        this.aux2 = aux2;
        this.routes = routes;
        this.topic = topic;
        this.payload = payload;
    }

    // ---------------------------------------------------------------- factories

    /** A builder for a message of this type with flux-core's defaults ({@code flux_msg_create}). */
    public static Builder builder(MessageType type) {
        return new Builder(type);
    }

    /**
     * A request as {@code flux_request_encode} makes it: the topic, an empty route stack, nodeid
     * {@link #NODEID_ANY}, matchtag {@link #MATCHTAG_NONE}, userid unknown, no roles.
     */
    public static Builder request(String topic) {
        return new Builder(MessageType.REQUEST).topic(Objects.requireNonNull(topic, "topic")).enableRoutes();
    }

    /**
     * An event as {@code flux_event_encode} makes it: the topic, an empty route stack, sequence 0. (RFC 3 says
     * events have no route stack; flux-core's do until the overlay disables it on the way to subscribers.)
     */
    public static Builder event(String topic) {
        return new Builder(MessageType.EVENT).topic(Objects.requireNonNull(topic, "topic")).enableRoutes();
    }

    /** A response not derived from a request, as {@code flux_response_encode} makes it: the topic, an empty route stack, errnum 0. */
    public static Builder response(String topic) {
        return new Builder(MessageType.RESPONSE).topic(Objects.requireNonNull(topic, "topic")).enableRoutes();
    }

    /** A control message ({@code flux_control_encode}). */
    public static Message control(int controlType, int controlStatus) {
        return new Builder(MessageType.CONTROL).control(controlType, controlStatus).build();
    }

    /**
     * A response to a request, as {@code flux_response_derive} makes it: the request's flags (all but PAYLOAD),
     * route stack, topic and matchtag, errnum 0, userid unknown, no roles, no payload.
     *
     * @throws IllegalArgumentException if the message is not a request or is a NORESPONSE request
     */
    public static Builder responseTo(Message request) {
        if (request.type != MessageType.REQUEST) {
            throw new IllegalArgumentException("cannot respond to a " + request.type.typeName() + " message");
        }
        if (request.isNoResponse()) {
            throw new IllegalArgumentException("cannot respond to a request flagged noresponse");
        }
        Builder b = request.toBuilder();
        b.type = MessageType.RESPONSE;
        b.aux1 = 0; // errnum; aux2 (matchtag) is kept
        b.userid = USERID_UNKNOWN;
        b.rolemask = Roles.NONE;
        b.payload = null;
        return b;
    }

    /**
     * An error response as {@code flux_respond_error} sends it: {@link #responseTo(Message)} with the errnum
     * set (0 becomes EINVAL, as in flux-core) and, if {@code errstr} is not null, the error string as a string
     * payload (UTF-8 plus a terminating NUL).
     */
    public static Message errorResponse(Message request, int errnum, String errstr) {
        Builder b = responseTo(request).errnum(errnum == 0 ? Errno.EINVAL.number() : errnum);
        if (errstr != null) {
            b.payloadString(errstr);
        }
        return b.build();
    }

    /** A builder holding this message's parts, for changing some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.freeFlags = flags & FREE_FLAGS;
        b.userid = userid;
        b.rolemask = rolemask;
        b.aux1 = aux1;
        b.aux2 = aux2;
        b.routes = routes == null ? null : new ArrayList<>(routes);
        b.topic = topic;
        b.payload = payload;
        return b;
    }

    // ---------------------------------------------------------------- header

    public MessageType type() {
        return type;
    }

    /** The PROTO frame's flag byte. */
    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public boolean isStreaming() {
        return hasFlag(MessageFlags.STREAMING);
    }

    public boolean isNoResponse() {
        return hasFlag(MessageFlags.NORESPONSE);
    }

    public boolean isPrivate() {
        return hasFlag(MessageFlags.PRIVATE);
    }

    public boolean isUpstream() {
        return hasFlag(MessageFlags.UPSTREAM);
    }

    /** The sender's userid (unsigned), {@link #USERID_UNKNOWN} until a broker sets it. */
    public int userid() {
        return userid;
    }

    public int rolemask() {
        return rolemask;
    }

    /** Whether the credential carries {@link Roles#LOCAL}: the message has not crossed brokers. */
    public boolean isLocal() {
        return (rolemask & Roles.LOCAL) != 0;
    }

    /**
     * {@code flux_msg_cred_authorize}: the credential has the owner role, or the user role with this (known)
     * userid.
     */
    public boolean authorizes(int forUserid) {
        if ((rolemask & Roles.OWNER) != 0) {
            return true;
        }
        return (rolemask & Roles.USER) != 0 && userid != USERID_UNKNOWN && userid == forUserid;
    }

    /** The request's target rank (unsigned) or {@link #NODEID_ANY}. */
    public int nodeid() {
        requireType("nodeid", MessageType.REQUEST, null);
        return aux1;
    }

    /** The request's or response's matchtag (unsigned). */
    public int matchtag() {
        requireType("matchtag", MessageType.REQUEST, MessageType.RESPONSE);
        return aux2;
    }

    /** The response's errno value, 0 for success. */
    public int errnum() {
        requireType("errnum", MessageType.RESPONSE, null);
        return aux1;
    }

    /** The event's sequence number (unsigned). */
    public int sequence() {
        requireType("sequence", MessageType.EVENT, null);
        return aux1;
    }

    public int controlType() {
        requireType("control type", MessageType.CONTROL, null);
        return aux1;
    }

    public int controlStatus() {
        requireType("control status", MessageType.CONTROL, null);
        return aux2;
    }

    /** The PROTO frame's first type-dependent word, whatever the type. */
    public int aux1() {
        return aux1;
    }

    /** The PROTO frame's second type-dependent word, whatever the type (an event's is unused, normally 0). */
    public int aux2() {
        return aux2;
    }

    private void requireType(String field, MessageType a, MessageType b) {
        if (type != a && type != b) {
            throw new IllegalStateException("a " + type.typeName() + " message has no " + field);
        }
    }

    // ---------------------------------------------------------------- routes

    /** Whether the message has a route stack (flag ROUTE; the stack may be empty). */
    public boolean routesEnabled() {
        return routes != null;
    }

    /**
     * The route stack in push order: index 0 is the first pushed (for a request, the sender; for a response, the
     * recipient), the end the most recent hop. Empty if routes are disabled. On the wire the order is reversed.
     */
    public List<String> routes() {
        return routes == null ? List.of() : routes;
    }

    /** The number of routes; 0 if routes are disabled. */
    public int routeCount() {
        return routes == null ? 0 : routes.size();
    }

    /** {@code flux_msg_route_first}: the first pushed route, or null if there is none. */
    public String routeFirst() {
        return routes == null || routes.isEmpty() ? null : routes.get(0);
    }

    /** {@code flux_msg_route_last}: the most recently pushed route, or null if there is none. */
    public String routeLast() {
        return routes == null || routes.isEmpty() ? null : routes.get(routes.size() - 1);
    }

    /**
     * {@code flux_msg_route_string}: the routes in push order, each cut to 8 characters, joined with '!';
     * null if routes are disabled.
     */
    public String routeString() {
        if (routes == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String r : routes) {
            if (sb.length() > 0) {
                sb.append('!');
            }
            sb.append(r.length() > 8 ? r.substring(0, 8) : r);
        }
        return sb.toString();
    }

    /**
     * This message with {@code id} pushed on its route stack ({@code flux_msg_route_push}).
     *
     * @throws IllegalStateException if routes are disabled
     * @throws IllegalArgumentException if {@code id} is empty or has a NUL
     */
    public Message withRoutePushed(String id) {
        if (routes == null) {
            throw new IllegalStateException("message has no route stack");
        }
        checkRouteId(id);
        String[] a = routes.toArray(new String[routes.size() + 1]);
        a[routes.size()] = id;
        return withRoutes(List.of(a));
    }

    /**
     * This message with its most recent route removed ({@code flux_msg_route_delete_last}); unchanged if the
     * stack is empty.
     *
     * @throws IllegalStateException if routes are disabled
     */
    public Message withRouteDeletedLast() {
        if (routes == null) {
            throw new IllegalStateException("message has no route stack");
        }
        if (routes.isEmpty()) {
            return this;
        }
        return withRoutes(routes.subList(0, routes.size() - 1));
    }

    /** This message with an (empty if not already present) route stack ({@code flux_msg_route_enable}). */
    public Message withRoutesEnabled() {
        return routes != null ? this : withRoutes(List.of());
    }

    /** This message without a route stack ({@code flux_msg_route_disable}). */
    public Message withRoutesDisabled() {
        return routes == null ? this : withRoutes(null);
    }

    /** This message with an empty route stack if it had one ({@code flux_msg_route_clear}). */
    public Message withRoutesCleared() {
        return routes == null || routes.isEmpty() ? this : withRoutes(List.of());
    }

    private Message withRoutes(List<String> r) {
        return new Message(type, flags, userid, rolemask, aux1, aux2, r == null ? null : List.copyOf(r), topic,
                payload);
    }

    /** This message with the sender's credential replaced, as a broker does on ingress. */
    public Message withCred(int newUserid, int newRolemask) {
        return new Message(type, flags, newUserid, newRolemask, aux1, aux2, routes, topic, payload);
    }

    static String checkRouteId(String id) {
        Strings.checkCString(id, "route id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("route id is empty");
        }
        return id;
    }

    // ---------------------------------------------------------------- topic and payload

    public boolean hasTopic() {
        return topic != null;
    }

    /** The topic, or null if there is none. */
    public String topic() {
        return topic;
    }

    public boolean hasPayload() {
        return payload != null;
    }

    /** A copy of the payload, or null if there is none. */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload as a read-only buffer (empty if there is none). */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload == null ? NO_BYTES : payload).asReadOnlyBuffer();
    }

    public int payloadSize() {
        return payload == null ? 0 : payload.length;
    }

    /** The payload array itself, for the codec. */
    byte[] payloadArray() {
        return payload;
    }

    /**
     * The string payload ({@code flux_msg_get_string}): the bytes before the first NUL, as UTF-8; null if there
     * is no payload.
     *
     * @throws FormatException if the payload does not end in NUL or is not UTF-8
     */
    public String payloadString() throws FormatException {
        if (payload == null) {
            return null;
        }
        if (payload.length == 0 || payload[payload.length - 1] != 0) {
            throw new FormatException("message: payload is not a NUL-terminated string");
        }
        return Strings.decodeCString(payload, 0, payload.length, "string payload");
    }

    /**
     * The JSON payload, any JSON value.
     *
     * @throws FormatException if there is no payload, or it is not a NUL-terminated JSON document
     */
    public JsonNode payloadJson() throws FormatException {
        return Json.parse(payload, 0, jsonEnd(), "message: payload");
    }

    /**
     * The end of the JSON text of a NUL-terminated payload, checked as {@link #payloadString()}
     * checks it; the parser then reads the bytes themselves (no String of the whole payload).
     */
    private int jsonEnd() throws FormatException {
        if (payload == null) {
            throw new FormatException("message: no payload");
        }
        if (payload.length == 0 || payload[payload.length - 1] != 0) {
            throw new FormatException("message: payload is not a NUL-terminated string");
        }
        int end = Strings.cStringEnd(payload, 0, payload.length);
        Strings.checkUtf8(payload, 0, end, "string payload");
        return end;
    }

    /**
     * The JSON object payload ({@code flux_msg_unpack}).
     *
     * @throws FormatException if there is no payload, or it is not a NUL-terminated JSON object
     */
    public ObjectNode payloadObject() throws FormatException {
        return Json.parseObject(payload, 0, jsonEnd(), "message: payload");
    }

    /**
     * The error string of an error response ({@code flux_response_decode_error}): null if this is not a response
     * with a nonzero errnum, or if it carries no payload.
     *
     * @throws FormatException if the payload is not a NUL-terminated UTF-8 string
     */
    public String errorString() throws FormatException {
        if (type != MessageType.RESPONSE || aux1 == 0) {
            return null;
        }
        return payloadString();
    }

    // ---------------------------------------------------------------- object

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return type == m.type && flags == m.flags && userid == m.userid && rolemask == m.rolemask
                && aux1 == m.aux1 && aux2 == m.aux2 && Objects.equals(routes, m.routes)
                && Objects.equals(topic, m.topic) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, flags, userid, rolemask, aux1, aux2, routes, topic);
        return 31 * h + Arrays.hashCode(payload);
    }

    /** One line in the spirit of {@code flux_msg_fprint}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.typeName());
        if (topic != null) {
            sb.append(" topic=").append(topic);
        }
        sb.append(" flags=").append(MessageFlags.toString(flags));
        sb.append(" userid=").append(userid == USERID_UNKNOWN ? "unknown" : Integer.toUnsignedString(userid));
        sb.append(" rolemask=").append(Roles.toString(rolemask));
        switch (type) {
            case REQUEST:
                sb.append(" nodeid=").append(aux1 == NODEID_ANY ? "any"
                        : aux1 == NODEID_UPSTREAM ? "upstream" : Integer.toUnsignedString(aux1));
                sb.append(" matchtag=").append(Integer.toUnsignedString(aux2));
                break;
            case RESPONSE:
                sb.append(" errnum=").append(Integer.toUnsignedString(aux1));
                sb.append(" matchtag=").append(Integer.toUnsignedString(aux2));
                break;
            case EVENT:
                sb.append(" sequence=").append(Integer.toUnsignedString(aux1));
                break;
            default:
                sb.append(" type=").append(Integer.toUnsignedString(aux1));
                sb.append(" status=").append(Integer.toUnsignedString(aux2));
                break;
        }
        if (routes != null && !routes.isEmpty()) {
            sb.append(" routes=|").append(routeString()).append('|');
        }
        if (payload != null) {
            sb.append(" payload=").append(payload.length).append(" bytes");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- builder

    /** Assembles a {@link Message}; not thread-safe. Setters follow flux-core's {@code flux_msg_set_*}. */
    public static final class Builder {
        private MessageType type;
        private int freeFlags;
        private int userid = USERID_UNKNOWN;
        private int rolemask = Roles.NONE;
        private int aux1;
        private int aux2;
        private ArrayList<String> routes;
        private String topic;
        private byte[] payload;

        private Builder(MessageType type) {
            type(type);
        }

        /**
         * Sets the type and resets the type-dependent words as {@code flux_msg_set_type} does: a request gets
         * nodeid ANY and matchtag NONE, a response errnum 0 (keeping the matchtag), an event sequence 0, a control
         * type and status 0.
         */
        public Builder type(MessageType t) {
            this.type = Objects.requireNonNull(t, "type");
            switch (t) {
                case REQUEST:
                    aux1 = NODEID_ANY;
                    aux2 = MATCHTAG_NONE;
                    break;
                case RESPONSE:
                    aux1 = 0;
                    break;
                default:
                    aux1 = 0;
                    aux2 = 0;
                    break;
            }
            return this;
        }

        /**
         * Sets flag bits. ROUTE enables the route stack; TOPIC and PAYLOAD are refused (set a topic or payload
         * instead). Setting STREAMING or NORESPONSE does not clear the other (see {@link #streaming()}).
         */
        public Builder setFlags(int flag) {
            if ((flag & ~MessageFlags.ALL) != 0) {
                throw new IllegalArgumentException("unknown message flag bits 0x" + Integer.toHexString(flag));
            }
            if ((flag & (MessageFlags.TOPIC | MessageFlags.PAYLOAD)) != 0) {
                throw new IllegalArgumentException("set a topic or payload rather than its flag");
            }
            if ((flag & MessageFlags.ROUTE) != 0) {
                enableRoutes();
            }
            freeFlags |= flag & FREE_FLAGS;
            return this;
        }

        /** Clears flag bits; clearing TOPIC, PAYLOAD or ROUTE removes the topic, payload or route stack. */
        public Builder clearFlags(int flag) {
            if ((flag & ~MessageFlags.ALL) != 0) {
                throw new IllegalArgumentException("unknown message flag bits 0x" + Integer.toHexString(flag));
            }
            if ((flag & MessageFlags.TOPIC) != 0) {
                topic = null;
            }
            if ((flag & MessageFlags.PAYLOAD) != 0) {
                payload = null;
            }
            if ((flag & MessageFlags.ROUTE) != 0) {
                routes = null;
            }
            freeFlags &= ~flag;
            return this;
        }

        /** Sets STREAMING and clears NORESPONSE ({@code flux_msg_set_streaming}). */
        public Builder streaming() {
            freeFlags = (freeFlags & ~MessageFlags.NORESPONSE) | MessageFlags.STREAMING;
            return this;
        }

        /** Sets NORESPONSE and clears STREAMING ({@code flux_msg_set_noresponse}). */
        public Builder noResponse() {
            freeFlags = (freeFlags & ~MessageFlags.STREAMING) | MessageFlags.NORESPONSE;
            return this;
        }

        /** Sets PRIVATE ({@code flux_msg_set_private}). */
        public Builder makePrivate() {
            freeFlags |= MessageFlags.PRIVATE;
            return this;
        }

        public Builder userid(int u) {
            this.userid = u;
            return this;
        }

        public Builder rolemask(int r) {
            this.rolemask = r;
            return this;
        }

        public Builder cred(int u, int r) {
            this.userid = u;
            this.rolemask = r;
            return this;
        }

        /**
         * Sets a request's nodeid (a rank or {@link #NODEID_ANY}).
         *
         * @throws IllegalArgumentException for {@link #NODEID_UPSTREAM}, which must be resolved to the sender's
         *         rank plus the UPSTREAM flag first
         */
        public Builder nodeid(int nodeid) {
            need("nodeid", MessageType.REQUEST, null);
            if (nodeid == NODEID_UPSTREAM) {
                throw new IllegalArgumentException("NODEID_UPSTREAM must be resolved before it is sent");
            }
            aux1 = nodeid;
            return this;
        }

        public Builder matchtag(int matchtag) {
            need("matchtag", MessageType.REQUEST, MessageType.RESPONSE);
            aux2 = matchtag;
            return this;
        }

        public Builder errnum(int errnum) {
            need("errnum", MessageType.RESPONSE, null);
            aux1 = errnum;
            return this;
        }

        public Builder sequence(int seq) {
            need("sequence", MessageType.EVENT, null);
            aux1 = seq;
            return this;
        }

        public Builder control(int controlType, int controlStatus) {
            need("control type and status", MessageType.CONTROL, null);
            aux1 = controlType;
            aux2 = controlStatus;
            return this;
        }

        /** Sets both type-dependent words directly, whatever the type. */
        Builder aux(int a1, int a2) {
            aux1 = a1;
            aux2 = a2;
            return this;
        }

        private void need(String field, MessageType a, MessageType b) {
            if (type != a && type != b) {
                throw new IllegalStateException("a " + type.typeName() + " message has no " + field);
            }
        }

        /**
         * Sets or (with null) removes the topic.
         *
         * @throws IllegalStateException on a control message
         * @throws IllegalArgumentException if the topic has a NUL or an unpaired surrogate
         */
        public Builder topic(String t) {
            if (t != null) {
                if (type == MessageType.CONTROL) {
                    throw new IllegalStateException("a control message has no topic");
                }
                Strings.checkCString(t, "topic");
            }
            this.topic = t;
            return this;
        }

        /** Sets a copy of {@code data} as the payload; null or empty removes it ({@code flux_msg_set_payload}). */
        public Builder payload(byte[] data) {
            this.payload = data == null || data.length == 0 ? null : data.clone();
            return this;
        }

        public Builder payload(byte[] data, int off, int len) {
            Objects.checkFromIndexSize(off, len, data.length);
            this.payload = len == 0 ? null : Arrays.copyOfRange(data, off, off + len);
            return this;
        }

        /**
         * Sets a string payload: its UTF-8 bytes and a terminating NUL ({@code flux_msg_set_string}); null
         * removes the payload.
         *
         * @throws IllegalArgumentException if the string has a NUL or an unpaired surrogate
         */
        public Builder payloadString(String s) {
            if (s == null) {
                payload = null;
                return this;
            }
            Strings.checkCString(s, "string payload");
            byte[] b = Strings.utf8(s);
            payload = Arrays.copyOf(b, b.length + 1);
            return this;
        }

        /**
         * Sets a JSON object payload as {@code flux_msg_pack} does: compact JSON text plus a terminating NUL.
         *
         * @throws IllegalArgumentException if the node is not an object
         */
        public Builder payloadJson(JsonNode node) {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return payloadString(Json.encode(node));
        }

        /** Adds an empty route stack unless there is one ({@code flux_msg_route_enable}). */
        public Builder enableRoutes() {
            if (routes == null) {
                routes = new ArrayList<>();
            }
            return this;
        }

        /** Removes the route stack ({@code flux_msg_route_disable}). */
        public Builder disableRoutes() {
            routes = null;
            return this;
        }

        /** Empties the route stack, if there is one. */
        public Builder clearRoutes() {
            if (routes != null) {
                routes.clear();
            }
            return this;
        }

        /**
         * Pushes a route ({@code flux_msg_route_push}).
         *
         * @throws IllegalStateException if routes are disabled
         * @throws IllegalArgumentException if the id is empty or has a NUL
         */
        public Builder pushRoute(String id) {
            if (routes == null) {
                throw new IllegalStateException("message has no route stack");
            }
            routes.add(checkRouteId(id));
            return this;
        }

        /** Removes the most recent route, if any ({@code flux_msg_route_delete_last}). */
        public Builder deleteLastRoute() {
            if (routes == null) {
                throw new IllegalStateException("message has no route stack");
            }
            if (!routes.isEmpty()) {
                routes.remove(routes.size() - 1);
            }
            return this;
        }

        public Message build() {
            return new Message(type, freeFlags, userid, rolemask, aux1, aux2,
                    routes == null ? null : List.copyOf(routes), topic, payload);
        }
    }
}
