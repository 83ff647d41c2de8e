package org.fluxj.cmd.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.client.content.Content;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.BlobRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux content load [-b] [BLOBREF...]}: blobs concatenated on stdout; blobrefs from stdin if none given. */
@Command(name = "load", description = "Load blobs for blobrefs and concatenate them on stdout.")
final class ContentLoadCommand extends AbstractCommand {
    @Option(names = {"-b", "--bypass-cache"}, description = "Load directly from rank 0 content store")
    boolean bypass;

    @Parameters(paramLabel = "blobref", arity = "0..*")
    List<String> refs = List.of();

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(refs);
        if (all.isEmpty()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                all.add(line);
            }
            if (all.isEmpty()) {
                throw fail("no blobrefs were specified");
            }
        }
        for (String s : all) {
            BlobRef ref;
            try {
                ref = BlobRef.parse(s);
            } catch (FormatException e) {
                throw fail("%s: %s", s, e.getMessage());
            }
            byte[] data;
            try {
                data = Content.load(handle(), ref, bypass);
            } catch (IOException e) {
                throw fail("%s: %s", Content.topic("load", bypass), e.getMessage());
            }
            if (!ref.matches(data)) {
                throw fail("%s: content does not match its hash", s);
            }
            writeRaw(data);
        }
        return 0;
    }
}
