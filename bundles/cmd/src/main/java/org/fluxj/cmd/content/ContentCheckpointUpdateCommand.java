package org.fluxj.cmd.content;

import java.io.IOException;
import org.fluxj.client.kvs.KvsCheckpoint;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.treeobj.BlobRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Sets the checkpoint to a root (the kvs module must not be running). */
@Command(name = "update", description = "Update checkpoint.")
final class ContentCheckpointUpdateCommand extends AbstractCommand {
    @Parameters(paramLabel = "blobref")
    String blobref;

    @Override
    public Integer call() {
        Checkpoints.requireKvsUnloaded(handle(), "please unload kvs module before updating checkpoint");
        if (!BlobRef.isValid(blobref)) {
            throw fail("invalid blobref specified");
        }
        try {
            KvsCheckpoint.commit(handle(), new KvsCheckpoint.Entry(blobref, 0, System.currentTimeMillis() / 1000.0),
                    true);
        } catch (IOException e) {
            throw fail("checkpoint update failed: %s", e.getMessage());
        }
        return 0;
    }
}
