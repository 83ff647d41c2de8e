package org.fluxj.formats.msg;

/** The four RFC 3 message types, with their wire codes ({@code FLUX_MSGTYPE_*}). */
public enum MessageType {
    REQUEST(0x01, "request"),
    RESPONSE(0x02, "response"),
    EVENT(0x04, "event"),
    CONTROL(0x08, "control");

    /** {@code FLUX_MSGTYPE_ANY}: a mask matching every type. */
    public static final int ANY = 0x0f;

    private final int code;
    private final String typeName;

    MessageType(int code, String typeName) {
        this.code = code;
        this.typeName = typeName;
    }

    /** The wire code (the PROTO frame's type byte). */
    public int code() {
        return code;
    }

    /** The name flux-core prints ({@code flux_msg_typestr}). */
    public String typeName() {
        return typeName;
    }

    /** The type with this wire code, or null if the code is not one of the four. */
    public static MessageType ofCode(int code) {
        switch (code) {
            case 0x01: return REQUEST;
            case 0x02: return RESPONSE;
            case 0x04: return EVENT;
            case 0x08: return CONTROL;
            default: return null;
        }
    }
}
