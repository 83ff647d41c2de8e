package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.fluxj.client.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flux dump and flux restore on real instances; flux shutdown --gc with the rc3 dump and rc1
 * restore it sets off; flux start --recovery on a statedir and on a dump.
 */
class DumpRestoreIT {

    private static TestBroker broker(Path statedir, String... more) throws IOException {
        // a statedir that outlives the broker is one that exists: a broker removes one it made
        Files.createDirectories(statedir);
        List<String> opts = new ArrayList<>(List.of("-Sstatedir=" + statedir));
        opts.addAll(List.of(more));
        return new TestBroker(opts, Map.of());
    }

    /** Values of every kind: inline, blob, appended (several blobs), binary, deep, long names, symlinks. */
    private static void populate(Instance b) throws IOException {
        b.ok("kvs", "put", "a=1", "dir.b=two", "dir.sub.c=three", "big=" + "x".repeat(5000), "empty=");
        b.ok("kvs", "put", "--append", "log=one,");
        b.ok("kvs", "put", "--append", "log=" + "two".repeat(40));
        b.ok("kvs", "put", "n\u00e4me=unicode", "deep." + "d".repeat(120) + ".leaf=long path");
        b.ok("kvs", "link", "dir.b", "ln");
        b.ok("kvs", "link", "-T", "other", "x.y", "nslink");
        try (Handle h = Handle.open(b.uri())) {
            byte[] binary = new byte[300];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            Handle.get(KvsClient.putRaw(h, "bin", binary));
        }
    }

    /**
     * A tar archive as a sorted map: path to content, or to "-> target" for a symlink. The
     * resource module's keys (resource.R, resource.eventlog), which every instance holds as
     * flux-core's does, are left out: these tests are about the keys they write.
     */
    private static Map<String, String> entries(Path archive) throws Exception {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            InputStream in = archive.toString().endsWith(".tar") ? raw
                    : CompressorStreamFactory.getSingleton().createCompressorInputStream(raw);
            return entries(in);
        }
    }

    private static Map<String, String> entries(InputStream in) throws IOException {
        Map<String, String> out = new TreeMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            if (e.getName().matches("(copy/)?resource/.*")) { // also as restored under --key=copy
                continue;
            }
            out.put(e.getName(), e.isSymbolicLink() ? "-> " + e.getLinkName()
                    : new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void dumpThenRestoreIntoAFreshInstanceGivesTheSameTree(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("kvs.tgz");
        try (TestBroker a = broker(dir.resolve("a"))) {
            populate(a);
            a.ok("dump", "--quiet", dump.toString());
        }
        Map<String, String> original = entries(dump);
        assertEquals("-> dir.b", original.get("ln"));
        assertEquals("-> other::x.y", original.get("nslink"));
        assertEquals("x".repeat(5000), original.get("big"));
        assertEquals("one," + "two".repeat(40), original.get("log"));
        assertEquals("long path", original.get("deep/" + "d".repeat(120) + "/leaf"));
        assertEquals(11, original.size(), original.keySet().toString());

        // into a fresh instance at a key, and dumped again: the same entries under that key
        try (TestBroker b = broker(dir.resolve("b"))) {
            b.ok("restore", "--quiet", "--key=copy", dump.toString());
            assertEquals("three\n", b.ok("kvs", "get", "copy.dir.sub.c"));
            assertEquals("dir.b\n", b.ok("kvs", "readlink", "copy.ln"));
            Path again = dir.resolve("again.tar.bz2");
            b.ok("dump", "--quiet", again.toString());
            Map<String, String> restored = new TreeMap<>();
            entries(again).forEach((k, v) -> restored.put(k.substring("copy/".length()), v));
            assertEquals(original, restored);
        }

        // into a fresh instance's checkpoint, as rc1 does with content.restore: the whole tree at the root
        try (TestBroker c = broker(dir.resolve("c"), "-Scontent.restore=" + dump)) {
            assertEquals("1\ntwo\n" + "x".repeat(5000) + "\n", c.ok("kvs", "get", "a", "dir.b", "big"));
            assertTrue(c.ok("dmesg").contains("restoring content from " + dump), c.ok("dmesg"));
            Path third = dir.resolve("third.tar");
            c.ok("dump", "--quiet", "--checkpoint", third.toString());
            assertEquals(original, entries(third));
        }
    }

    @Test
    void dumpAndRestoreStreamThroughAPipe(@TempDir Path dir) throws Exception {
        try (TestBroker b = broker(dir)) {
            populate(b);
            ProcessBuilder pb = new ProcessBuilder(FluxCli.defaultSignals("bash", "-c",
                    "set -o pipefail; flux dump -q - | flux restore -q --key=piped -"))
                    .redirectErrorStream(true);
            pb.environment().put("FLUX_URI", b.uri());
            pb.environment().put("PATH", FluxCli.root().resolve("bin") + ":" + System.getenv("PATH"));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), output);
            assertEquals(b.ok("kvs", "get", "big", "log", "bin"), b.ok("kvs", "get", "piped.big", "piped.log", "piped.bin"));
        }
    }

    @Test
    void progressAndVerboseOutputNameTheKeys(@TempDir Path dir) throws Exception {
        try (TestBroker b = broker(dir)) {
            b.ok("kvs", "put", "a=1", "b.c=2");
            FluxCli.Result r = b.flux("dump", "-v", dir.resolve("v.tar").toString());
            assertEquals(0, r.status(), r.err());
            assertEquals("a\nb/c\nresource/R\nresource/eventlog\n", r.err()); // and the resource module's
            r = b.flux("dump", dir.resolve("p.tar").toString());
            assertTrue(r.err().endsWith("\rflux-dump: archived 4 keys\n"), r.err());
            r = b.flux("restore", "--key=r", dir.resolve("p.tar").toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().matches("(?s).*flux-restore: restored 4 keys \\(\\d+ blobs\\)\n.*"), r.err());
            assertTrue(r.err().contains("flux-restore: writing snapshot sha1-"), r.err());
        }
    }

    @Test
    void badArchivesAndOptionsAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.tgz"), "this is not an archive at all, no".repeat(40));
        Path empty = Files.createFile(dir.resolve("empty.tar"));
        Path shortFile = Files.writeString(dir.resolve("short.tar"), "tiny");
        Path good = dir.resolve("good.tgz");
        Path dotted = dir.resolve("dotted.tar");
        Path conflict = dir.resolve("conflict.tar");
        writeTar(dotted, Map.of("a.b/c", "1"));
        writeTar(conflict, new LinkedHashMap<>(Map.of("x", "1")), "x/y", "2");
        try (TestBroker b = broker(dir.resolve("state"))) {
            b.ok("kvs", "put", "keep=me");
            b.ok("dump", "-q", good.toString());
            Path truncated = dir.resolve("truncated.tgz");
            byte[] all = Files.readAllBytes(good);
            Files.write(truncated, Arrays.copyOf(all, all.length / 2));
            String[][] cases = {
                {"garbage.tgz: ", "restore", "--key=k", garbage.toString()},
                {"empty.tar: empty file, not a tar archive", "restore", "--key=k", empty.toString()},
                {"short.tar: truncated tar archive", "restore", "--key=k", shortFile.toString()},
                {"truncated.tgz: ", "restore", "--key=k", truncated.toString()},
                {"nonexistent.tar: No such file or directory", "restore", "--key=k", dir.resolve("nonexistent.tar").toString()},
                {"Please specify a restore target with --checkpoint or --key", "restore", good.toString()},
                {"please unload kvs module before using --checkpoint", "restore", "--checkpoint", good.toString()},
                {"cannot be a KVS directory entry name", "restore", "--key=k", dotted.toString()},
                {"x in x/y is not a directory", "restore", "--key=k", conflict.toString()},
                {"--size-limit: invalid size 'lots'", "restore", "--size-limit=lots", "--key=k", good.toString()},
                {"invalid value for maxreqs: 0", "restore", "--maxreqs=0", "--key=k", good.toString()},
                {"unknown archive type", "dump", dir.resolve("out.zip").toString()},
                {"No such file or directory", "dump", dir.resolve("no/such/dir.tar").toString()},
                {"invalid value for maxreqs: -1", "dump", "--maxreqs=-1", dir.resolve("m.tar").toString()},
            };
            for (String[] c : cases) {
                String[] args = Arrays.copyOfRange(c, 1, c.length);
                FluxCli.Result r = b.flux(args);
                assertEquals(1, r.status(), String.join(" ", args) + ": " + r.err());
                String line = r.err().strip();
                assertTrue(line.startsWith("flux-" + args[0] + ": ") && line.contains(c[0]) && !line.contains("\n"),
                        String.join(" ", args) + ": " + r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            }
            assertEquals("me\n", b.ok("kvs", "get", "keep"));
            assertFalse(b.ok("kvs", "ls").contains("k\n"));
        }
    }

    @Test
    void sizeLimitSkipsLargeValues(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("d.tar.xz");
        try (TestBroker b = broker(dir.resolve("s"))) {
            b.ok("kvs", "put", "small=abc", "large=" + "L".repeat(3000));
            b.ok("dump", "-q", dump.toString());
            FluxCli.Result r = b.flux("restore", "-q", "--size-limit=1k", "--key=lim", dump.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("large size 3000 exceeds 1024 limit, skipping"), r.err());
            assertEquals("abc\n", b.ok("kvs", "get", "lim.small"));
            assertEquals(1, b.flux("kvs", "get", "lim.large").status());
        }
    }

    /**
     * flux shutdown --gc: rc3 dumps the last checkpoint to statedir/dump and links RESTORE to it;
     * the next start with content.restore=auto restores it into an emptied content.sqlite, so the
     * values overwritten before are gone from the file and the current ones are all there.
     */
    @Test
    void shutdownGcDumpsAndTheNextStartRestoresACompactStore(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        String overwritten = "v".repeat(1024);
        try (TestBroker b = broker(statedir, "-Scontent.restore=auto")) {
            try (Handle h = Handle.open(b.uri())) {
                for (int i = 0; i < 400; i++) {
                    Handle.get(KvsClient.put(h, "k" + (i % 4), overwritten + i));
                }
            }
            b.ok("kvs", "put", "last=1");
            FluxCli.Result r = b.flux("shutdown", "--gc");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("shutdown will dump KVS to " + statedir + "/dump/"), r.err());
            assertEquals(0, b.waitFor());
        }
        Path restore = statedir.resolve("dump/RESTORE");
        assertTrue(Files.isSymbolicLink(restore));
        assertTrue(Files.readSymbolicLink(restore).toString().matches("\\d{8}_\\d{6}\\.tgz"));
        assertEquals(5, entries(statedir.resolve("dump").resolve(Files.readSymbolicLink(restore))).size());
        long before = Files.size(statedir.resolve("content.sqlite"));
        try (TestBroker b = broker(statedir, "-Scontent.restore=auto")) {
            assertEquals(overwritten + 399 + "\n1\n", b.ok("kvs", "get", "k3", "last"));
            assertFalse(Files.exists(restore, LinkOption.NOFOLLOW_LINKS), "RESTORE is consumed");
            assertEquals(0, b.finish());
        }
        long after = Files.size(statedir.resolve("content.sqlite"));
        try (var files = Files.list(statedir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".old")).toList(),
                    "the old store is deleted once restored");
        }
        assertTrue(after * 4 < before, "content.sqlite " + before + " bytes before, " + after + " after");
    }

    @Test
    void shutdownDumpOptionsAreCheckedAndSkipGcCancels(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        try (TestBroker b = broker(statedir, "-Scontent.dump=auto")) {
            FluxCli.Result r = b.flux("shutdown", "--gc", "--skip-gc");
            assertEquals(1, r.status());
            assertEquals("flux-shutdown: --gc is incompatible with --skip-gc or --dump\n", r.err());
            r = b.flux("shutdown", "--skip-gc");
            assertEquals(0, r.status(), r.err());
            assertFalse(r.err().contains("will dump"), r.err());
            assertEquals(0, b.waitFor());
        }
        assertFalse(Files.exists(statedir.resolve("dump")), "--skip-gc removed content.dump");
        Path named = dir.resolve("named.tar");
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "x=1");
            FluxCli.Result r = b.flux("shutdown", "--dump=" + named);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("shutdown will dump KVS to " + named), r.err());
            assertEquals(0, b.waitFor());
        }
        assertEquals(Map.of("x", "1"), entries(named));
    }

    @Test
    void recoveryOnAStatedirAndOnADump(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        Path dump = dir.resolve("d.tgz");
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "kept=yes");
            b.ok("dump", "-q", dump.toString());
        }
        // a failing rc1 is survived in recovery mode, and the statedir's content is there
        FluxCli.Result r = FluxCli.run("start", "--recovery=" + statedir, "-Sbroker.rc1_path=false",
                "sh", "-c", "flux getattr broker.recovery-mode && flux getattr statedir");
        assertEquals(0, r.status(), r.err());
        assertEquals("1\n" + statedir + "\n", r.out());
        r = FluxCli.run("start", "--recovery=" + statedir, "flux", "kvs", "get", "kept");
        assertEquals("yes\n", r.out(), r.err());
        r = FluxCli.run("start", "-r" + dump, "flux", "kvs", "get", "kept");
        assertEquals("yes\n", r.out(), r.err());
        // what is not a statedir or a dump is refused before any broker starts
        r = FluxCli.run("start", "--recovery=" + dir.resolve("nothing"), "true");
        assertEquals("flux-start: " + dir.resolve("nothing") + ": No such file or directory\n", r.err());
        Files.createDirectories(dir.resolve("emptydir"));
        r = FluxCli.run("start", "--recov=" + dir.resolve("emptydir"), "true");
        assertEquals("flux-start: " + dir.resolve("emptydir/content.sqlite") + ": No such file or directory\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void aMissingDumpIsNotRestoredAndTheStoreIsKept(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "kept=yes");
        }
        FluxCli.Result r = FluxCli.run("start", "-Sstatedir=" + statedir, "-Scontent.restore=" + dir.resolve("gone.tgz"),
                "true");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("cannot restore " + dir.resolve("gone.tgz") + ": not a readable file"), r.err());
        try (TestBroker b = broker(statedir)) {
            assertEquals("yes\n", b.ok("kvs", "get", "kept"));
        }
    }

    @Test
    void aCorruptDumpFailsTheStartAndLeavesTheOldStoreAside(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "kept=yes");
        }
        Path corrupt = Files.writeString(dir.resolve("corrupt.tgz"), "not a dump, but long enough to look at".repeat(30));
        FluxCli.Result r = FluxCli.run("start", "-Sstatedir=" + statedir, "-Scontent.restore=" + corrupt, "true");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("flux-restore: " + corrupt), r.err());
        List<Path> aside;
        try (var files = Files.list(statedir)) {
            aside = files.filter(p -> p.getFileName().toString().matches("content\\.sqlite\\.\\d{8}T\\d{6}\\.old")).toList();
        }
        assertEquals(1, aside.size(), "the old store is kept aside");
        Files.move(aside.get(0), statedir.resolve("content.sqlite"), StandardCopyOption.REPLACE_EXISTING);
        try (TestBroker b = broker(statedir)) {
            assertEquals("yes\n", b.ok("kvs", "get", "kept"));
        }
    }

    private static void writeTar(Path file, Map<String, String> files, String... more) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(files);
        for (int i = 0; i + 1 < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> e : all.entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(data.length);
                tar.putArchiveEntry(t);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
    }
}
