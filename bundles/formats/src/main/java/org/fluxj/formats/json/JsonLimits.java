package org.fluxj.formats.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;

/**
 * The limits every JSON reader in fluxj applies (they configure {@link Json}'s one factory), and
 * that writers check what they write against, so that nothing written is unreadable. They are set
 * so that whatever flux-core (jansson) reads is read: jansson bounds nesting at 2048 levels and
 * nothing else, so strings and object names are bounded only far above flux-core's 100 MB values
 * (their base64 text is 134 M characters). docs/limits.md lists them with their error messages.
 */
public final class JsonLimits {
    /** Characters in one string value: 1 Gi, above a 768 MiB value's base64 text. */
    public static final int MAX_STRING_LENGTH = 1 << 30;
    /** Characters in one object member name (a KVS directory entry's name is one): as strings. */
    public static final int MAX_NAME_LENGTH = 1 << 30;
    /** Nested arrays and objects: jansson's JSON_PARSER_MAX_DEPTH. */
    public static final int MAX_NESTING_DEPTH = 2048;
    /** Bytes (or characters) in one document: what a Java array holds. */
    public static final long MAX_DOCUMENT_LENGTH = Integer.MAX_VALUE;
    /** Digits in one number: far beyond jansson's 64-bit integers and doubles. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private JsonLimits() {
    }

    /** The read limits, for a factory of another format (YAML) whose documents become JSON. */
    public static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build();
    }

    public static StreamWriteConstraints writeConstraints() {
        return StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();
    }

    /** A member name a writer is about to write; over the limit: {@link JsonLimitException}. */
    public static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new JsonLimitException(exceeds("name of " + name.length() + " characters", "name-length",
                    MAX_NAME_LENGTH + " characters"));
        }
    }

    /** A string value a writer is about to write. */
    public static void checkString(String value) {
        checkStringLength(value.length());
    }

    /** The length of a string value a writer is about to write (a base64 text, say). */
    public static void checkStringLength(long length) {
        if (length > MAX_STRING_LENGTH) {
            throw new JsonLimitException(exceeds("string of " + length + " characters", "string-length",
                    MAX_STRING_LENGTH + " characters"));
        }
    }

    /** A document's nesting depth. */
    public static void checkDepth(int depth) {
        if (depth > MAX_NESTING_DEPTH) {
            throw new JsonLimitException(exceeds("nesting depth " + depth, "nesting-depth", MAX_NESTING_DEPTH + " levels"));
        }
    }

    /** A whole document's length in bytes. */
    public static void checkDocument(long length) {
        if (length > MAX_DOCUMENT_LENGTH) {
            throw new JsonLimitException(exceeds("document of " + length + " bytes", "document-length",
                    MAX_DOCUMENT_LENGTH + " bytes"));
        }
    }

    /** The one wording of every JSON limit error: "JSON string of N characters exceeds the string-length limit (M characters)". */
    static String exceeds(String what, String limit, String max) {
        return "JSON " + what + " exceeds the " + limit + " limit (" + max + ")";
    }
}
