package org.fluxj.kernel.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.api.Severity;

/**
 * Where rc3 dumps the KVS and rc1 restores it from, as flux-core's modprobe rc1/rc3 tasks: the
 * {@code content.dump} and {@code content.restore} attributes name a file, or {@code auto}: a
 * timestamped {@code dump/YYYYmmdd_HHMMSS.tgz} under the statedir (the working directory if the
 * statedir is temporary), with {@code dump/RESTORE} linked to it for the next start to restore
 * and remove. {@code flux shutdown --gc} sets {@code content.dump=auto}.
 */
final class ContentDump {
    static final String AUTO = "auto";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private ContentDump() {
    }

    private static Path dumpDir(Function<String, Optional<String>> attr) {
        String dir = attr.apply("statedir-cleanup").orElse("").equals("0") ? attr.apply("statedir").orElse(".") : ".";
        return Path.of(dir, "dump");
    }

    /** The dump rc1 restores: content.restore's file, or what dump/RESTORE links to; null if none. */
    static Path restoreFile(Function<String, Optional<String>> attr) {
        Optional<String> restore = attr.apply("content.restore");
        if (restore.isEmpty() || restore.get().isEmpty()) {
            return null;
        }
        if (!restore.get().equals(AUTO)) {
            return Path.of(restore.get());
        }
        Path link = dumpDir(attr).resolve("RESTORE");
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            return link.resolveSibling(Files.readSymbolicLink(link)).normalize();
        } catch (IOException e) {
            return null;
        }
    }

    /** After an automatic restore, dump/RESTORE goes, so the next start does not restore again. */
    static void consumeRestoreLink(Function<String, Optional<String>> attr) {
        if (attr.apply("content.restore").orElse("").equals(AUTO)) {
            try {
                Files.deleteIfExists(dumpDir(attr).resolve("RESTORE"));
            } catch (IOException e) {
                // the next start restores the same dump again: harmless
            }
        }
    }

    /** The file rc3 dumps to (for {@code auto}, a new one in a created dump directory). */
    static Path dumpFile(Function<String, Optional<String>> attr) throws IOException {
        String dump = attr.apply("content.dump").orElseThrow();
        if (!dump.equals(AUTO)) {
            return Path.of(dump);
        }
        Path dir = dumpDir(attr);
        Files.createDirectories(dir);
        return dir.resolve(LocalDateTime.now().format(STAMP) + ".tgz");
    }

    /** For {@code auto}: dump/RESTORE now names the new dump. */
    static void linkRestore(Function<String, Optional<String>> attr, Path dump, BrokerLog log) {
        if (!attr.apply("content.dump").orElse("").equals(AUTO)) {
            return;
        }
        Path link = dump.resolveSibling("RESTORE");
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dump.getFileName());
        } catch (IOException e) {
            log.log(Severity.ERR, "broker", "rc3.0: " + link + ": " + e.getMessage());
        }
    }
}
