package org.fluxj.kvs;

/** libkvs's flags ({@code enum kvs_op} and the commit flags of kvs_commit.h). */
final class Flags {
    static final int READDIR = 1;
    static final int READLINK = 2;
    static final int WATCH = 4;
    static final int WAITCREATE = 8;
    static final int TREEOBJ = 16;
    static final int APPEND = 32;
    static final int WATCH_FULL = 64;
    static final int WATCH_UNIQ = 128;
    static final int WATCH_APPEND = 256;
    static final int STREAM = 512;
    static final int WATCH_INITIAL_SENTINEL = 1024;

    static final int NO_MERGE = 1;
    static final int TXN_COMPACT = 2;
    static final int SYNC = 4;

    /** The lookup flags kvs.lookup accepts (validate_lookup_flags without the watch ones). */
    static boolean validLookup(int flags) {
        return switch (flags) {
            case 0, TREEOBJ, READDIR, READDIR | TREEOBJ, READLINK, READLINK | TREEOBJ -> true;
            default -> false;
        };
    }

    private Flags() {
    }
}
