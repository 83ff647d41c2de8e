package org.fluxj.formats.msg;

import java.util.StringJoiner;

/** The PROTO frame's flag bits ({@code FLUX_MSGFLAG_*}). */
public final class MessageFlags {
    /** The message has a topic frame. */
    public static final int TOPIC = 0x01;
    /** The message has a payload frame. */
    public static final int PAYLOAD = 0x02;
    /** The request needs no response. */
    public static final int NORESPONSE = 0x04;
    /** The message has a route stack (and its delimiter frame). */
    public static final int ROUTE = 0x08;
    /** The request's nodeid is the sender: route it upstream of there. */
    public static final int UPSTREAM = 0x10;
    /** Private to the instance owner and the sender. */
    public static final int PRIVATE = 0x20;
    /** Part of a streaming RPC. */
    public static final int STREAMING = 0x40;
    /** User-defined. */
    public static final int USER1 = 0x80;
    /** Every defined bit. */
    public static final int ALL = 0xff;

    private static final String[] NAMES = {
        "topic", "payload", "noresponse", "route", "upstream", "private", "streaming", "user1",
    };

    private MessageFlags() {
    }

    /**
     * The flags as flux-core's message printer names them, comma separated ("topic,route"); empty for none.
     * Unlike flux-core, {@code user1} is named too.
     */
    public static String toString(int flags) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                j.add(NAMES[i]);
            }
        }
        return j.toString();
    }

    /**
     * Whether a flag combination is one flux-core lets a sender set ({@code msgflags_is_valid}): no bits beyond
     * the eight defined ones, and not both NORESPONSE and STREAMING. Decoding does not check this (neither does
     * flux-core's).
     */
    public static boolean isValid(int flags) {
        return (flags & ~ALL) == 0 && !((flags & NORESPONSE) != 0 && (flags & STREAMING) != 0);
    }
}
