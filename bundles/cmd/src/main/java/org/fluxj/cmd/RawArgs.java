package org.fluxj.cmd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The bytes of a command-line word as the process was given them. The JVM decodes its arguments
 * as UTF-8 (bin/flux runs it in a UTF-8 locale) and turns bytes that are not UTF-8 into U+FFFD,
 * which loses them; {@code /proc/self/cmdline} still holds them, so a command that stores bytes
 * (flux kvs put) stores the very bytes it was given, as flux-core's C commands do.
 */
public final class RawArgs {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private RawArgs() {
    }

    /** The bytes of {@code word}, one of the command's arguments; empty if they cannot be had. */
    public static Optional<byte[]> bytesOf(String word) {
        if (word.indexOf('\uFFFD') < 0) {
            return Optional.of(word.getBytes(StandardCharsets.UTF_8)); // nothing was lost
        }
        byte[] all;
        try {
            all = Files.readAllBytes(CMDLINE);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        // the arguments are the last words: find the one that decodes to it; two that decode
        // alike but differ in their bytes cannot be told apart
        byte[] found = null;
        int end = all.length > 0 && all[all.length - 1] == 0 ? all.length - 1 : all.length;
        for (int i = end - 1; i >= -1; i--) {
            if (i == -1 || all[i] == 0) {
                if (new String(all, i + 1, end - i - 1, StandardCharsets.UTF_8).equals(word)) {
                    byte[] raw = Arrays.copyOfRange(all, i + 1, end);
                    if (found != null && !Arrays.equals(found, raw)) {
                        return Optional.empty();
                    }
                    found = raw;
                }
                end = i;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code bytes} are well-formed UTF-8. */
    public static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
