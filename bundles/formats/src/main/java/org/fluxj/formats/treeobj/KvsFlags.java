package org.fluxj.formats.treeobj;

/**
 * libkvs's flags, as kvs.h defines them: those of a lookup ({@code kvs.lookup},
 * {@code kvs-watch.lookup}) and those of a commit ({@code kvs.commit}, {@code kvs.fence}). The
 * two sets share values; a request carries one of them.
 */
public final class KvsFlags {
    // lookup flags (FLUX_KVS_...)
    public static final int READDIR = 1;
    public static final int READLINK = 2;
    public static final int WATCH = 4;
    public static final int WAITCREATE = 8;
    public static final int TREEOBJ = 16;
    public static final int APPEND = 32;
    public static final int WATCH_FULL = 64;
    public static final int WATCH_UNIQ = 128;
    public static final int WATCH_APPEND = 256;
    public static final int STREAM = 512;
    public static final int WATCH_INITIAL_SENTINEL = 1024;

    // commit flags
    public static final int NO_MERGE = 1;
    public static final int TXN_COMPACT = 2;
    public static final int SYNC = 4;

    private KvsFlags() {
    }
}
