package org.fluxj.formats.treeobj;

import java.util.Comparator;

/**
 * The key order of jansson's {@code JSON_SORT_KEYS}, which {@code treeobj_encode} uses and a
 * tree object's blobref hashes: byte order of the keys' UTF-8.
 */
final class SortedJson {
    /** UTF-8 byte order, which is code point order (not UTF-16 order, as String.compareTo is). */
    static final Comparator<String> KEY_ORDER = SortedJson::compareCodePoints;

    private SortedJson() {
    }

    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // surrogates (D800-DFFF) encode code points above every BMP char
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
