package org.fluxj.content.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.BackingModule;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.osgi.service.component.annotations.Component;

/**
 * The content-files module (flux-core src/modules/content-files): the {@code content-backing}
 * service as one file per blob in {@code statedir/content.files}, the checkpoint in
 * {@code kvs-primary}. Load argument {@code truncate} starts it empty (the old one kept as
 * {@code content.files.old} until the first checkpoint). Files are synced before a
 * store is answered, unless the statedir is temporary ({@code statedir-cleanup=1}).
 */
@FluxModule("content-files")
@Component(service = BrokerModule.class)
public final class ContentFiles extends BackingModule {

    @Override
    protected BackingStore open(Path statedir, BlobRef.Algorithm algorithm, boolean cleanup, JsonNode config,
            List<String> args) throws ContentException {
        boolean truncate = ModuleArgs.parse(name(), args, "truncate").has("truncate");
        FilesStore.Options d = FilesStore.Options.defaults(algorithm);
        return FilesStore.open(statedir, new FilesStore.Options(algorithm, !cleanup, truncate, d.maxBlob()));
    }
}
