package org.fluxj.formats.treeobj;

import java.util.Objects;

/**
 * A KVS key after normalization, as flux-core's {@code kvs_util_normalize_key}: runs of the
 * separator {@code .} become one, one leading separator is dropped, and one trailing separator
 * is dropped and remembered as "the caller wants a directory". A key that is only separators
 * becomes {@code .}, the root, with {@code directory} set.
 *
 * @param key the normalized key
 * @param directory whether the key ended with a separator (or is the root)
 */
public record KeyPath(String key, boolean directory) {
    public static final char SEPARATOR = '.';

    public KeyPath {
        Objects.requireNonNull(key, "key");
    }

    /** Normalizes {@code key} exactly as {@code kvs_util_normalize_key}. */
    public static KeyPath normalize(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == SEPARATOR && i + 1 < key.length() && key.charAt(i + 1) == SEPARATOR) {
                continue; // duplicate separators become one
            }
            b.append(c);
        }
        boolean directory = false;
        if (b.length() > 1 && b.charAt(0) == SEPARATOR) {
            b.deleteCharAt(0);
        }
        if (b.length() > 1 && b.charAt(b.length() - 1) == SEPARATOR) {
            b.setLength(b.length() - 1);
            directory = true;
        }
        if (b.length() > 0 && b.charAt(0) == SEPARATOR) {
            directory = true;
        }
        return new KeyPath(b.toString(), directory);
    }

    /** Whether this is the root directory ({@code .}). */
    public boolean isRoot() {
        return key.equals(".");
    }

    @Override
    public String toString() {
        return key;
    }
}
