package org.fluxj.cmd.content;

import java.io.IOException;
import java.util.Arrays;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.client.content.Content;
import org.fluxj.formats.treeobj.BlobRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux content store [-b] [--chunksize=N]}: stdin stored as one blob (or chunks); blobrefs printed. */
@Command(name = "store", description = "Store blob from stdin, print blobref on stdout.")
final class ContentStoreCommand extends AbstractCommand {
    @Option(names = {"-b", "--bypass-cache"}, description = "Store directly to rank 0 content store")
    boolean bypass;
    @Option(names = "--chunksize", paramLabel = "N", description = "Limit blob size to N bytes with 0=unlimited")
    int chunksize;

    @Override
    public Integer call() throws IOException {
        if (chunksize < 0) {
            throw fail("--chunksize must not be negative");
        }
        BlobRef.Algorithm alg = hashAlgorithm();
        byte[] all = System.in.readAllBytes();
        int chunk = chunksize == 0 || chunksize > all.length ? Math.max(all.length, 1) : chunksize;
        int off = 0;
        do {
            byte[] blob = Arrays.copyOfRange(all, off, Math.min(all.length, off + chunk));
            byte[] digest;
            try {
                digest = Content.store(handle(), blob, bypass);
            } catch (IOException e) {
                throw fail("%s: %s", Content.topic("store", bypass), e.getMessage());
            }
            try {
                out().println(BlobRef.ofDigest(alg, digest));
            } catch (FormatException e) {
                throw fail("store: %s", e.getMessage());
            }
            off += chunk;
        } while (off < all.length);
        out().flush();
        return 0;
    }
}
