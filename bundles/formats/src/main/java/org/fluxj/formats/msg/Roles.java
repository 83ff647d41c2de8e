package org.fluxj.formats.msg;

import java.util.StringJoiner;

/** The rolemask bits of a message credential ({@code FLUX_ROLE_*}, RFC 12). */
public final class Roles {
    public static final int NONE = 0;
    public static final int OWNER = 1;
    public static final int USER = 2;
    public static final int LOCAL = 4;
    public static final int ADMIN = 8;
    /** Every bit (0xFFFFFFFF). */
    public static final int ALL = 0xFFFFFFFF;
    /** Roles exempt from per-user access restrictions ({@code FLUX_ROLE_PRIVILEGED}). */
    public static final int PRIVILEGED = OWNER | ADMIN;

    private Roles() {
    }

    /**
     * Whether a message with this credential's {@code rolemask} reaches a handler that admits
     * {@code handlerRoles}: the instance owner always does (flux_msg_handler's rule, RFC 12).
     */
    public static boolean admits(int handlerRoles, int rolemask) {
        return (rolemask & (handlerRoles | OWNER)) != 0;
    }

    /** The rolemask as flux-core's message printer writes it ("none", "all", "owner,local", "0x10"). */
    public static String toString(int rolemask) {
        if (rolemask == NONE) {
            return "none";
        }
        if (rolemask == ALL) {
            return "all";
        }
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < 32; i++) {
            int bit = 1 << i;
            if ((rolemask & bit) != 0) {
                switch (bit) {
                    case OWNER: j.add("owner"); break;
                    case USER: j.add("user"); break;
                    case LOCAL: j.add("local"); break;
                    case ADMIN: j.add("admin"); break;
                    default: j.add("0x" + Integer.toHexString(bit)); break;
                }
            }
        }
        return j.toString();
    }
}
