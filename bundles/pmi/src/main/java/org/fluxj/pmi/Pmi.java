package org.fluxj.pmi;

/** RFC 13 constants: result codes, limits and the environment variables of the wire protocol. */
public final class Pmi {
    public static final int SUCCESS = 0;
    public static final int FAIL = -1;
    public static final int ERR_INIT = 1;
    public static final int ERR_NOMEM = 2;
    public static final int ERR_INVALID_ARG = 3;
    public static final int ERR_INVALID_KEY = 4;
    public static final int ERR_INVALID_KEY_LENGTH = 5;
    public static final int ERR_INVALID_VAL = 6;
    public static final int ERR_INVALID_VAL_LENGTH = 7;
    public static final int ERR_INVALID_LENGTH = 8;
    public static final int ERR_INVALID_NUM_ARGS = 9;
    public static final int ERR_INVALID_ARGS = 10;
    public static final int ERR_INVALID_NUM_PARSED = 11;
    public static final int ERR_INVALID_KEYVALP = 12;
    public static final int ERR_INVALID_SIZE = 13;

    /** Longest key, including the C terminating NUL (flux-core SIMPLE_KVS_KEY_MAX). */
    public static final int KVS_KEY_MAX = 64;
    /** Longest value, including the C terminating NUL (flux-core SIMPLE_KVS_VAL_MAX). */
    public static final int KVS_VAL_MAX = 1024;
    /** Longest kvs name, including the C terminating NUL (flux-core SIMPLE_KVS_NAME_MAX). */
    public static final int KVS_NAME_MAX = 64;
    /** Longest protocol line, newline included (flux-core SIMPLE_MAX_PROTO_LINE). */
    public static final int MAX_PROTO_LINE = KVS_KEY_MAX + KVS_VAL_MAX + KVS_NAME_MAX + 64;

    /** RFC 13: descriptor of a pre-connected socket (not usable from a JVM, see package doc). */
    public static final String ENV_FD = "PMI_FD";
    public static final String ENV_RANK = "PMI_RANK";
    public static final String ENV_SIZE = "PMI_SIZE";
    public static final String ENV_SPAWNED = "PMI_SPAWNED";
    /** MPICH: {@code host:port} of a TCP PMI server. */
    public static final String ENV_PORT = "PMI_PORT";
    /** MPICH: the id a client presents in {@code cmd=initack pmiid=N}; its rank. */
    public static final String ENV_ID = "PMI_ID";
    /** fluxj: path of an AF_UNIX PMI server socket (spoken to as {@link #ENV_PORT}). */
    public static final String ENV_SOCKET = "FLUX_PMI_SOCKET";
    /** flux-core: trace the PMI client on stderr when set. */
    public static final String ENV_DEBUG = "FLUX_PMI_DEBUG";

    private Pmi() {
    }

    /** A word as RFC 13 defines it: one or more visible characters other than '='. */
    static boolean isWord(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** A string as RFC 13 defines it: visible characters, space and tab, no newline. */
    static boolean isString(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && (c < 0x21 || c > 0x7e)) {
                return false;
            }
        }
        return true;
    }
}
