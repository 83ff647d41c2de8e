package org.fluxj.kvs;

import static org.fluxj.formats.treeobj.KvsFlags.READDIR;
import static org.fluxj.formats.treeobj.KvsFlags.READLINK;
import static org.fluxj.formats.treeobj.KvsFlags.TREEOBJ;

/** Which of libkvs's flags ({@link org.fluxj.formats.treeobj.KvsFlags}) this module accepts. */
final class Flags {
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
