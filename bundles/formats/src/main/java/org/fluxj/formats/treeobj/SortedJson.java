package org.fluxj.formats.treeobj;

import java.util.Comparator;

/**
 * JSON text as jansson's {@code json_dumps(JSON_COMPACT | JSON_SORT_KEYS)} writes it, which is
 * what {@code treeobj_encode} produces and what a tree object's blobref hashes: no white space,
 * object keys in byte order of their UTF-8 (code point order), strings escaped as jansson does
 * ({@code \b \f \n \r \t}, other controls as upper-case {@code \}{@code u00XX}, nothing else).
 */
final class SortedJson {
    /** UTF-8 byte order, which is code point order (not UTF-16 order, as String.compareTo is). */
    static final Comparator<String> KEY_ORDER = SortedJson::compareCodePoints;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

    static void string(String s, StringBuilder b) {
        b.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        b.append(s, start, s.length()).append('"');
    }
}
