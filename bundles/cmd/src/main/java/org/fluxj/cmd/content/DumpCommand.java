package org.fluxj.cmd.content;

import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.fluxj.client.content.BlobLoader;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsCheckpoint;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.proc.Identity;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux dump [OPTIONS] OUTFILE}: the primary namespace's tree (or the last checkpoint's)
 * as a tar archive, one file per value and one symbolic link per KVS symlink, as flux-core's
 * src/cmd/builtin/dump.c. Directories are implied by the paths.
 */
@Command(name = "dump", description = "Dump KVS snapshot to a portable archive format.")
public final class DumpCommand extends AbstractCommand {
    @Option(names = {"-v", "--verbose"}, description = "List keys on stderr as they are archived")
    boolean verbose;
    @Option(names = {"-q", "--quiet"}, description = "Don't show periodic progress updates")
    boolean quiet;
    @Option(names = "--checkpoint", description = "Dump from checkpoint")
    boolean checkpoint;
    @Option(names = "--no-cache", description = "Bypass the broker content cache")
    boolean noCache;
    @Option(names = "--ignore-failed-read", description = "Treat content load errors as non-fatal")
    boolean ignoreFailedRead;
    @Option(names = "--sd-notify", description = "Send status updates to systemd via flux-broker(1)")
    boolean sdNotify;
    @Option(names = "--maxreqs", paramLabel = "N", defaultValue = "2",
            description = "Increase number of concurrent requests (default 2)")
    int maxreqs;

    @Parameters(paramLabel = "OUTFILE", description = "Archive to write (- for standard output); "
            + ".tar, .tgz, .tar.gz, .tar.bz2 or .tar.xz")
    String outfile;

    @Override
    public Integer call() throws IOException {
        if (maxreqs <= 0) {
            throw fail("invalid value for maxreqs: %d", maxreqs);
        }
        Snapshot snapshot = snapshot();
        ArchiveProgress progress = new ArchiveProgress(err(), handle(), "dump", "archived", !quiet && !verbose, sdNotify);
        int uid = Identity.uid();
        int gid = Identity.gid();
        long mtime = snapshot.time();
        try (TarArchiveOutputStream tar = KvsArchive.create(outfile)) {
            KvsTreeWalk walk = new KvsTreeWalk(new BlobLoader(handle(), noCache, maxreqs), new KvsTreeWalk.Visitor() {
                @Override
                public void value(String path, byte[] data) throws IOException {
                    TarArchiveEntry e = entry(path, TarArchiveEntry.LF_NORMAL);
                    e.setSize(data.length);
                    tar.putArchiveEntry(e);
                    tar.write(data);
                    tar.closeArchiveEntry();
                    archived(path);
                }

                @Override
                public void symlink(String path, TreeObj.Symlink link) throws IOException {
                    TarArchiveEntry e = entry(path, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(link.namespace().map(ns -> ns + "::").orElse("") + link.target());
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                    archived(path);
                }

                @Override
                public void loadError(String message) {
                    err().println(progress.lineStart() + message);
                    err().flush();
                    if (!ignoreFailedRead) {
                        throw new CommandException(message);
                    }
                }

                private TarArchiveEntry entry(String path, byte type) {
                    TarArchiveEntry e = new TarArchiveEntry(path, type);
                    e.setMode((type == TarArchiveEntry.LF_SYMLINK ? 0120000 : 0100000) | 0644);
                    e.setModTime(mtime * 1000);
                    e.setIds(uid, gid);
                    return e;
                }

                private void archived(String path) {
                    if (verbose) {
                        err().println(path);
                    }
                    progress.add(0, 1);
                }
            });
            walk.run(snapshot.root());
        } catch (CommandException e) {
            throw e;
        } catch (IOException e) {
            throw fail("%s: %s", outfile, e.getMessage());
        }
        progress.end();
        return 0;
    }

    /** A root to dump and the time its files get. */
    private record Snapshot(BlobRef root, long time) {
    }

    /** The newest checkpoint's root and time, or the primary namespace's current root and now. */
    private Snapshot snapshot() {
        String ref;
        long time = System.currentTimeMillis() / 1000;
        try {
            if (checkpoint) {
                KvsCheckpoint.Entry c = KvsCheckpoint.newest(handle(), noCache);
                time = (long) c.timestamp();
                ref = c.rootref();
            } else {
                ref = Kvs.getroot(handle(), Kvs.PRIMARY).path("rootref").asText();
            }
        } catch (IOException e) {
            throw fail("%s: %s", checkpoint ? "error fetching checkpoints" : "error fetching current KVS root",
                    e.getMessage());
        }
        try {
            return new Snapshot(BlobRef.parse(ref), time);
        } catch (FormatException e) {
            throw fail("root %s: %s", ref, e.getMessage());
        }
    }
}
