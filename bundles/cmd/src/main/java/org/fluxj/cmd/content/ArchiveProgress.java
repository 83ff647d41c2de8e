package org.fluxj.cmd.content;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.fluxj.client.Handle;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;

/**
 * The progress line of {@code flux dump} and {@code flux restore}, as flux-core's: rewritten in
 * place on stderr for each of the first ten keys and every hundredth (not with -q or -v), and
 * with --sd-notify also sent to the broker as its systemd status.
 */
final class ArchiveProgress {
    private final PrintWriter err;
    private final Handle handle;
    private final boolean show;
    private final boolean sdNotify;
    private final String tool;
    private final String verb;
    private int keys;
    private int blobs;
    private int lastShown = 0;

    /** @param verb "archived" or "restored" */
    ArchiveProgress(PrintWriter err, Handle handle, String tool, String verb, boolean show, boolean sdNotify) {
        this.err = err;
        this.handle = handle;
        this.tool = tool;
        this.verb = verb;
        this.show = show;
        this.sdNotify = sdNotify;
    }

    void add(int deltaBlobs, int deltaKeys) {
        blobs += deltaBlobs;
        keys += deltaKeys;
        if (lastShown == keys || !(keys % 100 == 0 || keys < 10)) {
            return;
        }
        report();
        lastShown = keys;
    }

    void end() {
        report();
        if (show) {
            err.println();
        }
    }

    /** The column the next message starts at: after the progress line's carriage return. */
    String lineStart() {
        return show ? "\r" : "";
    }

    private void report() {
        String line = "flux-" + tool + ": " + verb + " " + keys + " keys"
                + (tool.equals("restore") ? " (" + blobs + " blobs)" : "");
        if (show) {
            err.print("\r" + line);
            err.flush();
        }
        if (sdNotify) {
            try {
                handle.send(Message.request("state-machine.sd-notify").nodeid(Message.NODEID_ANY).noResponse()
                        .payload(Json.encode(Json.object().put("status", "flux-" + tool + "(1) has " + verb + " "
                                + keys + " keys")).getBytes(StandardCharsets.UTF_8)).build());
            } catch (IOException e) {
                throw new CommandException("sd-notify: " + e.getMessage());
            }
        }
    }
}
